// Builds the extension once before the browser tests, so they always load the current code.
import { build } from 'vite';
import { resolve } from 'node:path';

// The journey project reuses this setup: one build per run, whichever project asks first.
const shared = globalThis as { advocateExtensionBuild?: Promise<unknown> };

export default async function setup() {
  if (process.env.ADVOCATE_SKIP_BUILD === '1') return;
  await (shared.advocateExtensionBuild ??= build({ root: resolve(import.meta.dirname, '../..'), logLevel: 'warn' }));
}
