import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// One command runs everything: pure unit tests (Node), endpoint tests (real SQLite over
// loopback HTTP) and browser tests (the built extension in Debian's Chromium).
export default defineConfig({
  plugins: [preact()],
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        extends: true,
        test: { name: 'endpoint', include: ['test/endpoint/**/*.test.ts'], environment: 'node', fileParallelism: false },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/browser/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
