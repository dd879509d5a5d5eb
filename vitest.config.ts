import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// One command runs everything: pure unit tests (Node), endpoint tests (real SQLite over
// loopback HTTP), browser tests (the built extension in Debian's Chromium and Firefox ESR) and
// package tests (two builds give the same zips; Firefox's add-on linter passes them).
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
          globalSetup: ['test/browser/global-setup.ts', 'test/browser/firefox-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        // One practitioner's and one vendor's whole path with real parts only (test/journey/journey.test.ts).
        test: {
          name: 'journey',
          include: ['test/journey/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/journey/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        // Builds into temporary folders of its own, so it never touches the dist/ the browser tests load.
        test: { name: 'package', include: ['test/package/**/*.test.ts'], environment: 'node', testTimeout: 300_000, hookTimeout: 300_000 },
      },
    ],
  },
});
