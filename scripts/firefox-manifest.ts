// Derives the Firefox build from the Chrome build: same files, a manifest Firefox accepts
// (an event page instead of a service worker, a gecko id). Run after `vite build`:
//   tsx scripts/firefox-manifest.ts   → dist-firefox/
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const GECKO_ID = 'advocate@advocate.dev';

type Manifest = Record<string, unknown> & { background?: { service_worker?: string; scripts?: string[]; type?: string } };

export function toFirefoxManifest(chromeManifest: Manifest): Manifest {
  const { minimum_chrome_version: _chromeOnly, background, ...rest } = chromeManifest;
  if (!background?.service_worker) throw new Error('manifest.json has no background.service_worker to convert');
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: background.type ?? 'module' },
    browser_specific_settings: { gecko: { id: GECKO_ID, strict_min_version: '128.0' } },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(import.meta.dirname, '..');
  const from = resolve(root, 'dist');
  const to = resolve(root, 'dist-firefox');
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  const manifest = JSON.parse(readFileSync(resolve(from, 'manifest.json'), 'utf8')) as Manifest;
  writeFileSync(resolve(to, 'manifest.json'), JSON.stringify(toFirefoxManifest(manifest), null, 2));
  console.log(`Firefox build written to ${to}`);
}
