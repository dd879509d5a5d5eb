// A GitHub repository page, served locally under its real host name, is detected and matched by
// the service worker to the catalog's MySQL product. No vendor is enrolled here, so the page could
// show nothing: the worker reads the address itself and runs no script in the page.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { currentWorker, launchWithExtension, type ExtensionBrowser } from './chromium';
import { startSiteServer, type SiteServer } from './site-server';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/pages', name), 'utf8');

let site: SiteServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  site = await startSiteServer();
  site.page('github.com', '/mysql/mysql-server', fixture('github-mysql-server.html'));
  site.page('dev.mysql.com', '/doc/refman/8.4/en/', '<!doctype html><title>MySQL 8.4 Reference Manual</title><h1>MySQL 8.4 Reference Manual</h1>');
  site.page('github.com', '/settings', '<!doctype html><title>Settings</title><h1>Settings</h1>');
  browser = await launchWithExtension({ mapHosts: ['github.com', 'dev.mysql.com'], port: site.port });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Asks the worker, from an extension page, what it knows about the tab showing `url`. */
async function matchForTab(url: string) {
  // The worker remembers each tab's detection in session storage; find the tab id there
  // (the extension has no "tabs" permission, so it cannot query tabs by URL).
  const worker = await currentWorker(browser.context);
  const tabId = await worker.evaluate(async (tabUrl) => {
    const all = (await chrome.storage.session.get(null)) as Record<string, { url?: string }>;
    const entry = Object.entries(all).find(([key, page]) => key.startsWith('tab:') && page?.url === tabUrl);
    return entry ? Number(entry[0].slice(4)) : null;
  }, url);
  if (tabId === null) return null;
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('src/popup/index.html')); // page.forTab is the popup's command
  const answer = await page.evaluate((id) => chrome.runtime.sendMessage({ advocate: 1, name: 'page.forTab', payload: { tabId: id } }), tabId);
  await page.close();
  return answer as { ok: boolean; value?: { url: string; match: { pageType: string; products: { productId: string }[] } | null } | null };
}

test('the worker detects github.com/mysql/mysql-server and matches MySQL', async () => {
  const tab = await browser.context.newPage();
  await tab.goto('https://github.com/mysql/mysql-server');
  await expect
    .poll(async () => (await matchForTab('https://github.com/mysql/mysql-server'))?.value?.match?.products.map((p) => p.productId), { timeout: 10_000 })
    .toContain('mysql');
  const answer = await matchForTab('https://github.com/mysql/mysql-server');
  expect(answer?.value?.match?.pageType).toBe('project');
  // The page itself is untouched: no element, attribute or script of ours in it.
  expect(await tab.evaluate(() => document.querySelectorAll('[class*="advocate"],[id*="advocate"]').length)).toBe(0);
  await tab.close();
});

/** Records, in the worker, every Advocate message it receives from now on (lost if the worker restarts, which fails the positive control). */
async function recordMessages(): Promise<() => Promise<{ name: string; url?: string }[]>> {
  const worker = await currentWorker(browser.context);
  await worker.evaluate(() => {
    const heard: { name: string; url?: string }[] = [];
    (globalThis as { heard?: unknown }).heard = heard;
    chrome.runtime.onMessage.addListener((message: { advocate?: number; name?: string }, sender) => {
      if (message?.advocate === 1) heard.push({ name: String(message.name), ...(sender.url ? { url: sender.url } : {}) });
    });
  });
  return () => worker.evaluate(() => (globalThis as unknown as { heard: { name: string; url?: string }[] }).heard);
}

test('a reserved GitHub path is not taken for a repository: no script runs and the worker keeps no report of it', async () => {
  const heard = await recordMessages();
  const tab = await browser.context.newPage();
  // Advocate's isolated world, seen through the DevTools protocol: any extension code in the page creates it.
  const cdp = await browser.context.newCDPSession(tab);
  let worlds = 0;
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.auxData?.type === 'isolated' && context.origin.includes(browser.extensionId)) worlds++;
  });
  await cdp.send('Runtime.enable');
  await tab.goto('https://github.com/settings', { waitUntil: 'load' });
  // Positive control: the same tab's next page, a repository, is reported. The worker decides
  // each page when it has loaded, in order, so /settings was decided before it.
  await tab.goto('https://github.com/mysql/mysql-server');
  await expect.poll(async () => (await matchForTab('https://github.com/mysql/mysql-server'))?.value?.match?.products.map((p) => p.productId), { timeout: 10_000 }).toContain('mysql');
  expect(await matchForTab('https://github.com/settings')).toBeNull();
  expect(worlds).toBe(0); // nothing enrolled: the repository page is not touched either
  expect((await heard()).filter((m) => m.url?.startsWith('https://github.com/settings'))).toEqual([]);
  await tab.close();
});

test('an ordinary page on a documentation host the catalog names is looked up and matched', async () => {
  const url = 'https://dev.mysql.com/doc/refman/8.4/en/';
  const tab = await browser.context.newPage();
  await tab.goto(url);
  await expect.poll(async () => (await matchForTab(url))?.value?.match?.products.map((p) => p.productId), { timeout: 10_000 }).toContain('mysql');
  await tab.close();
});
