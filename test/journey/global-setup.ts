// The journey loads the extension from dist/ (built as for the browser tests) and the endpoint
// serves the vendor dashboard from dist-dashboard/, as `npm start` builds them.
import { build } from 'vite';
import { resolve } from 'node:path';
import buildExtension from '../browser/global-setup';

export default async function setup() {
  await buildExtension();
  if (process.env.ADVOCATE_SKIP_BUILD === '1') return;
  await build({ configFile: resolve(import.meta.dirname, '../../src/endpoint/dashboard/vite.config.ts'), logLevel: 'warn' });
}
