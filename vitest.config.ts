import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// One command runs everything: pure unit tests (Node), endpoint tests (real SQLite over
// loopback HTTP, and the same again on a throwaway PostgreSQL cluster), browser tests (the built extension in Debian's Chromium and Firefox ESR) and
// package tests (two builds give the same zips; Firefox's add-on linter passes them).
export default defineConfig({
  plugins: [preact()],
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], environment: 'node', isolate: false },
      },
      {
        extends: true,
        test: { name: 'endpoint', include: ['test/endpoint/**/*.test.ts'], environment: 'node', fileParallelism: false, isolate: false },
      },
      {
        extends: true,
        // The same endpoint tests on PostgreSQL: one throwaway cluster for the run (globalSetup),
        // a fresh database per harness (test/endpoint/helpers.ts), plus what only PostgreSQL has:
        // several instances on one database (test/postgres). SQLite-only, so not here: kill.test.ts
        // (SIGKILL against SQLite's WAL and synchronous=NORMAL; PostgreSQL's durability is its
        // server's), restart.test.ts (the data folder's secret files, no database in it) and
        // config.test.ts (the environment, no database).
        test: {
          name: 'endpoint-postgres',
          include: ['test/endpoint/**/*.test.ts', 'test/postgres/**/*.test.ts'],
          exclude: ['test/endpoint/kill.test.ts', 'test/endpoint/restart.test.ts', 'test/endpoint/config.test.ts'],
          environment: 'node',
          globalSetup: ['test/postgres/global-setup.ts'],
          fileParallelism: false,
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/browser/global-setup.ts', 'test/browser/firefox-global-setup.ts'],
          fileParallelism: false,
          isolate: false,
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
