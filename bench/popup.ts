// The built extension with an empty outbox and with 10,000 stored referrals, in one browser run:
// - popup open → first useful render ('advocate:first-render', set once the page match and the
//   vendor list have rendered), from the page's time origin, against a detected GitHub tab;
// - "Sync now" until the reference endpoint on loopback holds every referral, against the same
//   requests (recorded by a proxy) sent again from Node to a copy of the endpoint's data as it
//   was before the sync: what the extension's sync costs beyond HTTP and the endpoint's own work;
// - the service worker's JS heap after the full sync, against its heap before any referral.
// Referrals are created through the extension's own `referrals.create` command while the
// endpoint is down, so none is synced before the timed sync.   Build first: npx vite build
//   npx tsx bench/popup.ts [--quick]
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEndpoint } from '../src/endpoint/server';
import { launchWithExtension, type ExtensionBrowser } from '../test/browser/chromium';
import { detectedTabId, openPopup, startTestEndpoint } from '../test/browser/helpers';
import { startSiteServer } from '../test/browser/site-server';
import { type Bench, type Figure, isMain, median, percentile, round, runStandalone } from './figure';
import { ask, enrol, workerHeapMb } from './lib/extension';
import { replay, startRecordingProxy } from './lib/recording-proxy';

const ROOT = resolve(import.meta.dirname, '..');
const TAB_URL = 'https://github.com/mysql/mysql-server';
const BUDGET_MS = 100;

interface Opens {
  /** Page opened → first useful render. */
  render: number[];
  /** Page opened → the popup's code starts ('advocate:popup-start'): the browser's part. */
  start: number[];
}

/** Opens the popup `opens + warmup` times against `tabId`; warm-up excluded. */
async function popupOpens(browser: ExtensionBrowser, tabId: number, opens: number, warmup: number): Promise<Opens> {
  const times: Opens = { render: [], start: [] };
  for (let i = 0; i < warmup + opens; i++) {
    const { page, firstRenderMs } = await openPopup(browser, tabId);
    const startMs: number = await page.evaluate(`performance.getEntriesByName('advocate:popup-start')[0]?.startTime ?? NaN`);
    if (i >= warmup) times.render.push(firstRenderMs), times.start.push(startMs);
    await page.close();
  }
  return times;
}

function popupFigure(count: number, times: Opens, empty?: Opens): Figure {
  return {
    name: `popup open → first useful render, ${count.toLocaleString('en-US')} stored referrals, median`,
    value: round(median(times.render)),
    unit: 'ms',
    budget: BUDGET_MS,
    comparison: empty ? { name: 'the same popup with 0 stored referrals', value: round(median(empty.render)) } : null,
    note: `${times.render.length} opens after warm-up; p95 ${round(percentile(times.render, 95))} ms; the browser's part (page opened → the popup's code starts) median ${round(median(times.start))} ms`,
  };
}

export const bench: Bench = {
  title: 'Popup, sync and worker memory with stored referrals',
  async run({ quick }) {
    const total = quick ? 1_000 : 10_000;
    const opens = quick ? 5 : 30;
    const site = await startSiteServer();
    site.page('github.com', '/mysql/mysql-server', readFileSync(resolve(ROOT, 'test/fixtures/pages/github-mysql-server.html'), 'utf8'));
    const endpoint = await startTestEndpoint();
    const proxy = await startRecordingProxy(endpoint.url);
    const browser = await launchWithExtension({ mapHosts: ['github.com'], port: site.port });
    const copyDir = mkdtempSync(join(tmpdir(), 'advocate-bench-copy-'));
    try {
      const { options, vendorId } = await enrol(browser, endpoint, proxy.url);
      const tab = await browser.context.newPage();
      await tab.goto(TAB_URL, { waitUntil: 'load' });
      const tabId = await detectedTabId(browser, TAB_URL);

      const emptyPopup = await popupOpens(browser, tabId, opens, 2);
      const emptyHeap = await workerHeapMb(browser);

      // Seed with the endpoint down: each create still kicks a sync, which fails at once.
      await endpoint.stop();
      const payload = { vendorId, productId: 'mysql', offerId: 'mysql-enterprise', channel: 'forum-answer' };
      // Referrals are created by the popup only (the router checks the sender's page).
      const creator = await browser.context.newPage();
      await creator.goto(browser.extensionUrl('src/popup/index.html'));
      const inFlight = 50;
      const seedStart = performance.now();
      for (let made = 0; made < total; made += inFlight) {
        const refused: string[] = await creator.evaluate(
          async ({ n, payload }) => {
            const answers = await Promise.all(Array.from({ length: n }, () => chrome.runtime.sendMessage({ advocate: 1, name: 'referrals.create', payload })));
            return answers.filter((a) => !a?.ok).map((a) => JSON.stringify(a));
          },
          { n: Math.min(inFlight, total - made), payload },
        );
        if (refused.length > 0) throw new Error(`referrals.create refused: ${refused[0]}`);
      }
      const seedMs = performance.now() - seedStart;
      const held = await ask<{ unsynced: number }>(creator, 'activity.get', { limit: 1 });
      if (held.unsynced !== total) throw new Error(`the outbox holds ${held.unsynced} unsynced referrals, expected ${total}`);

      const fullPopup = await popupOpens(browser, tabId, opens, 2);

      // The endpoint's data as it is before the sync: the replay's target gets the same work.
      cpSync(endpoint.dataDir, copyDir, { recursive: true });
      await endpoint.restart();
      proxy.recording = true;
      const syncStart = performance.now();
      let accepted = 0;
      let progressAt = Date.now();
      while (accepted < total) {
        if (Date.now() - progressAt > 60_000) throw new Error(`sync stalled at ${accepted}/${total} referrals`);
        // A sync asked for during the alarm's run waits for it; a run that sent nothing found the
        // outbox empty (checked below).
        const report = await ask<{ accepted: number; sent: number }>(creator, 'sync.now', {});
        accepted += report.accepted;
        if (report.accepted > 0) progressAt = Date.now();
        if (report.sent === 0) break;
      }
      const syncMs = performance.now() - syncStart;
      proxy.recording = false;
      const after = await ask<{ unsynced: number }>(creator, 'activity.get', { limit: 1 });
      if (after.unsynced !== 0) throw new Error(`${after.unsynced} referrals still unsynced after the sync`);
      // A few readings: a periodic sync or a badge refresh may hold records at any one moment.
      const heaps: number[] = [];
      for (let i = 0; i < 5; i++) {
        heaps.push(await workerHeapMb(browser));
        await options.waitForTimeout(500);
      }

      const requests = [...proxy.recorded];
      const copy = await startEndpoint({ port: 0, dataDir: copyDir, rateLimits: { perIp: false, perToken: false, redirectPerIp: false } });
      let replayMs: number;
      try {
        const replayStart = performance.now();
        const statuses = await replay(copy.url, requests);
        replayMs = performance.now() - replayStart;
        const differing = statuses.filter((s, i) => s !== requests[i]!.status).length;
        if (differing > 0) throw new Error(`${differing} of ${requests.length} replayed requests got another status than the extension's`);
      } finally {
        await copy.close();
      }
      const bytes = requests.reduce((n, r) => n + r.body.length, 0);
      const posts = requests.filter((r) => r.method === 'POST').length;
      const n = total.toLocaleString('en-US');
      return [
        popupFigure(0, emptyPopup),
        popupFigure(total, fullPopup, emptyPopup),
        {
          name: `sync of ${n} referrals to the endpoint on loopback`,
          value: round(syncMs / 1000),
          unit: 's',
          budget: null,
          comparison: { name: 'the same requests (same bytes) from Node to a copy of the endpoint', value: round(replayMs / 1000) },
          note: `${requests.length} requests (${posts} POSTs, ${round(bytes / 1024 / 1024)} MB of bodies); the extension takes ${round(syncMs / replayMs)}× the raw requests' time`,
        },
        {
          name: `service worker JS heap after ${n} stored referrals and a full sync`,
          value: round(median(heaps)),
          unit: 'MB',
          budget: null,
          comparison: { name: 'the same worker enrolled, before any referral', value: round(emptyHeap) },
          note: `used heap after a forced garbage collection (CDP Runtime.getHeapUsage), median of ${heaps.length} readings 0.5 s apart (${round(Math.min(...heaps))}–${round(Math.max(...heaps))} MB)`,
        },
        {
          name: 'creating a referral (referrals.create from an extension page), per referral',
          value: round(seedMs / total),
          unit: 'ms',
          budget: null,
          note: `${n} referrals, ${inFlight} in flight, endpoint down so each create's sync fails at once`,
        },
      ];
    } finally {
      await browser.close();
      await proxy.close();
      await endpoint.close();
      await site.close();
      rmSync(copyDir, { recursive: true, force: true });
    }
  },
};

if (isMain(import.meta)) await runStandalone(bench);
