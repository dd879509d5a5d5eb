// Builds the Firefox variant (dist-firefox/) before the browser tests, so the Firefox test
// always loads the current code; test/browser/global-setup.ts builds the Chrome one.
import { resolve } from 'node:path';
import { build } from 'vite';

export default async function setup() {
  if (process.env.ADVOCATE_SKIP_BUILD === '1') return;
  // What ships is a production build; vitest has set NODE_ENV=test, which gives other bundles.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: resolve(import.meta.dirname, '../..'), mode: 'firefox', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
