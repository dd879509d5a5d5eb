// What the built extension puts into web pages, gzipped: every script and stylesheet its
// manifest declares as content scripts (what runs on a page before anything else happens).
// What it injects later on matched pages is measured in a real page by bench/page-load.ts.
// Budget: ≤ 10 KB. Build first: npx vite build
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Bench, isMain, round, runStandalone } from './figure';
import { CONTENT_SCRIPT_FILE } from '../src/content/script-file';

const DIST = resolve(import.meta.dirname, '../dist');

export const gzippedKb = (bytes: Uint8Array | string) => round(gzipSync(bytes, { level: 9 }).length / 1024);

interface Manifest {
  content_scripts?: { js?: string[]; css?: string[] }[];
  web_accessible_resources?: unknown[];
}

export const bench: Bench = {
  title: 'Content script size',
  async run() {
    if (!existsSync(resolve(DIST, 'manifest.json'))) throw new Error('dist/ is missing: run "npx vite build" first');
    const manifest = JSON.parse(readFileSync(resolve(DIST, 'manifest.json'), 'utf8')) as Manifest;
    // The file the worker runs (src/background/page-scripts.ts), and any script the manifest declares.
    const files = [...new Set([CONTENT_SCRIPT_FILE, ...(manifest.content_scripts ?? []).flatMap((cs) => [...(cs.js ?? []), ...(cs.css ?? [])])])];
    if (!existsSync(resolve(DIST, CONTENT_SCRIPT_FILE))) throw new Error(`dist/ has no ${CONTENT_SCRIPT_FILE}: the build did not bundle the content script`);
    // Each file is gzipped on its own, as the browser reads them.
    const kb = files.map((f) => gzippedKb(readFileSync(resolve(DIST, f))));
    const webAccessible = manifest.web_accessible_resources ?? [];
    return [
      { name: 'content script, gzipped (the file the worker runs in a page)', value: round(kb.reduce((a, b) => a + b, 0)), unit: 'KB', budget: 10, note: files.map((f, i) => `${f} ${kb[i]} KB`).join(', ') },
      { name: 'web-accessible resources (files any page can probe for)', value: webAccessible.length, unit: 'entries', budget: 0, note: webAccessible.length ? JSON.stringify(webAccessible) : 'none' },
    ];
  },
};

if (isMain(import.meta)) await runStandalone(bench);
