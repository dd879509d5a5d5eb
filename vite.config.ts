import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig({
  plugins: [preact(), crx({ manifest: manifest as never })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Syntax for the oldest Chrome the manifest admits (minimum_chrome_version; test/unit/background/manifest.test.ts).
    target: 'chrome102',
    // The extension is loaded unpacked from disk; readable output helps reviewers (Firefox AMO) and costs nothing.
    minify: true,
    sourcemap: false,
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
});
