// Builds the Firefox variant (dist-firefox/) before the browser tests, so the Firefox test
// always loads the current code; test/browser/global-setup.ts builds the Chrome one.
import { resolve } from 'node:path';
import { build } from 'vite';

export default async function setup() {
  if (process.env.ADVOCATE_SKIP_BUILD === '1') return;
  await build({ root: resolve(import.meta.dirname, '../..'), mode: 'firefox', logLevel: 'warn' });
}
