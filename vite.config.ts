import { fileURLToPath } from 'node:url';
import { defineConfig, runnerImport, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import { extensionBuild } from './scripts/browser-builds.ts';

/**
 * The build fails when a starter-catalog file breaks the catalog schema or the starter rules.
 * The review runs through Vite's module runner rather than a static import, which would pull
 * src/ into the config bundle.
 */
const starterCatalog = (): Plugin => ({
  name: 'advocate-starter-catalog',
  async buildStart() {
    type Check = typeof import('./src/core/catalog/starter/check');
    const entry = fileURLToPath(new URL('./src/core/catalog/starter/check.ts', import.meta.url));
    const { module } = await runnerImport<Check>(entry, { configFile: false, logLevel: 'error' });
    const { errors } = module.reviewBundled(new Date());
    const list = errors.map((e) => `  ${e.file}${e.productId ? ` product "${e.productId}"` : ''} ${e.field || '(file)'}: ${e.message}`);
    if (errors.length) this.error(`the starter catalog has ${errors.length} problem(s) (npm run catalog -- check):\n${list.join('\n')}`);
  },
});

// `vite build` builds the Chrome extension into dist/; `vite build --mode firefox` the Firefox one
// into dist-firefox/ (scripts/browser-builds.ts). The manifest is manifest.json plus the starter
// catalog's sites (scripts/extension-manifest.ts), loaded like the catalog review above.
export default defineConfig(async ({ mode }) => {
  type Sites = typeof import('./scripts/extension-manifest');
  const entry = fileURLToPath(new URL('./scripts/extension-manifest.ts', import.meta.url));
  const { module } = await runnerImport<Sites>(entry, { configFile: false, logLevel: 'error' });
  const target = extensionBuild(mode, module.extensionManifest());
  return {
    plugins: [starterCatalog(), preact(), crx({ manifest: target.manifest as never, browser: target.browser }), target.plugin],
    build: {
      outDir: target.outDir,
      emptyOutDir: true,
      target: target.esTarget,
      // The extension is loaded unpacked from disk; readable output helps reviewers (Firefox AMO) and costs nothing.
      minify: process.env.NOMINIFY ? false : true,
      sourcemap: false,
    },
    server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  };
});
