// Page load with the extension vs without: paired loads of real saved pages served under their
// real host names, median of (with / without). Budget: ≤ 2 % slower. Build first: npx vite build
//   npx tsx bench/page-load.ts [rounds]
// Two separate headless profiles differ by several percent on their own; with the extension the
// content script runs at document_idle and, on project and forum pages, wakes the service worker,
// which is the most likely cost to attack next (a first figure: −1 % to +13 %, 21 paired loads;
// BENCH_AA=1, two plain profiles, read −1 % to +8 %: the noise floor is about as large).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumPath, launchWithExtension } from '../test/browser/chromium';
import { startSiteServer } from '../test/browser/site-server';

const rounds = Number(process.argv[2] ?? 15);
const shared = resolve(import.meta.dirname, '../../shared/pages');
const read = (p: string) => {
  const raw = readFileSync(resolve(shared, p));
  return (p.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
};
const pages = [
  { host: 'github.com', path: '/microlinkhq/mql', file: 'github/repo-root_microlinkhq-mql.html' },
  { host: 'stackoverflow.com', path: '/questions/2003505/how-do-i-delete-a-git-branch-locally-and-remotely', file: 'stackoverflow/question_2003505_git-delete-branch.html' },
  { host: 'meta.discourse.org', path: '/t/12483', file: 'discourse/topic_meta.discourse.org_12483.html' },
];

const site = await startSiteServer();
for (const p of pages) site.page(p.host, p.path, read(p.file));
// Every other host the pages name (CDNs, analytics) maps to the same server and gets a quick 404,
// so the figures time the pages and the extension, not DNS failures.
const hosts = [...pages.map((p) => p.host), '*'];

// The same kind of browser (a persistent profile, the same flags), only without the extension.
function plainProfile() {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'advocate-plain-')), {
    executablePath: chromiumPath(),
    headless: true,
    ignoreHTTPSErrors: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--ignore-certificate-errors',
      `--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1:${site.port}`).join(', ')}`],
  });
}

// BENCH_AA=1 compares two plain profiles: the noise floor the extension's figure must be read against.
const aa = process.env.BENCH_AA === '1';
const withExtension = aa
  ? { context: await plainProfile(), close: async () => {} }
  : await launchWithExtension({ mapHosts: hosts, port: site.port });
const without = await plainProfile();
const plainContext = without;

async function loadMs(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  // Let document_idle content scripts run and count their cost too.
  await page.waitForTimeout(50);
  const ms = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return nav.loadEventEnd - nav.startTime;
  });
  await page.close();
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const p of pages) {
  const url = `https://${p.host}${p.path}`;
  await loadMs(withExtension.context, url); // warm both
  await loadMs(plainContext, url);
  const ratios: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // alternate the order so neither side always goes first
    const [x, y] = i % 2 ? [await loadMs(withExtension.context, url), await loadMs(plainContext, url)] : [0, 0];
    const [y2, x2] = i % 2 ? [0, 0] : [await loadMs(plainContext, url), await loadMs(withExtension.context, url)];
    const w = x || x2;
    const o = y || y2;
    a.push(w);
    b.push(o);
    ratios.push(w / o);
  }
  console.log(`${url}: with ${median(a).toFixed(1)} ms, without ${median(b).toFixed(1)} ms, median paired ratio ${((median(ratios) - 1) * 100).toFixed(2)} % slower${aa ? ' (A/A: two plain profiles)' : ''}`);
}
await withExtension.close();
if (aa) await withExtension.context.close();
await without.close();
await site.close();
