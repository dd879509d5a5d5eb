import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import { extensionBuild } from './scripts/browser-builds.ts';

// `vite build` builds the Chrome extension into dist/; `vite build --mode firefox` the Firefox one
// into dist-firefox/ (scripts/browser-builds.ts).
export default defineConfig(({ mode }) => {
  const target = extensionBuild(mode, manifest);
  return {
    plugins: [preact(), crx({ manifest: target.manifest as never, browser: target.browser }), target.plugin],
    build: {
      outDir: target.outDir,
      emptyOutDir: true,
      target: target.esTarget,
      // The extension is loaded unpacked from disk; readable output helps reviewers (Firefox AMO) and costs nothing.
      minify: true,
      sourcemap: false,
    },
    server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  };
});
