// Prints the gzipped size of what the built extension ships per context. Budget: content
// script ≤ 10 KB gzipped. Build first: npx vite build
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';

const dist = resolve(import.meta.dirname, '../dist');
const manifest = JSON.parse(readFileSync(resolve(dist, 'manifest.json'), 'utf8'));
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;

function report(label: string, file: string) {
  const raw = readFileSync(resolve(dist, file));
  console.log(`${label.padEnd(16)} ${file.padEnd(44)} ${kb(statSync(resolve(dist, file)).size).padStart(10)} raw  ${kb(gzipSync(raw, { level: 9 }).length).padStart(9)} gzipped`);
}

for (const cs of manifest.content_scripts ?? []) for (const js of cs.js) report('content script', js);
report('worker loader', manifest.background.service_worker);
const webAccessible = manifest.web_accessible_resources ?? [];
console.log(`web-accessible resources: ${webAccessible.length === 0 ? 'none (nothing a page can probe)' : JSON.stringify(webAccessible)}`);
