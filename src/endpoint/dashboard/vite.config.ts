// Builds the vendor dashboard into dist-dashboard/, served by the endpoint at /dashboard/.
//   npx vite build -c src/endpoint/dashboard/vite.config.ts
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/dashboard/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../../../dist-dashboard', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
  },
});
