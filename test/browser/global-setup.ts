// Builds the extension once before the browser tests, so they always load the current code.
import { build } from 'vite';
import { resolve } from 'node:path';

export default async function setup() {
  if (process.env.ADVOCATE_SKIP_BUILD === '1') return;
  await build({ root: resolve(import.meta.dirname, '../..'), logLevel: 'warn' });
}
