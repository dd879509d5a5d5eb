// A GitHub repository page, served locally under its real host name, is detected by the
// content script and matched by the service worker to the catalog's MySQL product.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchWithExtension, type ExtensionBrowser } from './chromium';
import { startSiteServer, type SiteServer } from './site-server';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/pages', name), 'utf8');

let site: SiteServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  site = await startSiteServer();
  site.page('github.com', '/mysql/mysql-server', fixture('github-mysql-server.html'));
  site.page('github.com', '/settings', '<!doctype html><title>Settings</title><h1>Settings</h1>');
  browser = await launchWithExtension({ mapHosts: ['github.com'], port: site.port });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Asks the worker, from an extension page, what it knows about the tab showing `url`. */
async function matchForTab(url: string) {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('src/options/index.html'));
  const answer = await page.evaluate(async (tabUrl) => {
    const [tab] = await chrome.tabs.query({ url: tabUrl });
    if (!tab?.id) return { error: `no tab shows ${tabUrl}` };
    return chrome.runtime.sendMessage({ advocate: 1, name: 'page.forTab', payload: { tabId: tab.id } });
  }, url);
  await page.close();
  return answer as { ok: boolean; value?: { url: string; match: { pageType: string; products: { productId: string }[] } | null } | null };
}

test('the content script detects github.com/mysql/mysql-server and the worker matches MySQL', async () => {
  const tab = await browser.context.newPage();
  await tab.goto('https://github.com/mysql/mysql-server');
  await expect
    .poll(async () => (await matchForTab('https://github.com/mysql/mysql-server')).value?.match?.products.map((p) => p.productId), { timeout: 10_000 })
    .toContain('mysql');
  const answer = await matchForTab('https://github.com/mysql/mysql-server');
  expect(answer.value?.match?.pageType).toBe('project');
  // The page itself is untouched: no element, attribute or script of ours in it.
  expect(await tab.evaluate(() => document.querySelectorAll('[class*="advocate"],[id*="advocate"]').length)).toBe(0);
  await tab.close();
});

test('a reserved GitHub path is not taken for a repository', async () => {
  const tab = await browser.context.newPage();
  await tab.goto('https://github.com/settings');
  await tab.waitForTimeout(500);
  const answer = await matchForTab('https://github.com/settings');
  expect(answer.ok).toBe(true);
  expect(answer.value?.match?.products ?? []).toEqual([]);
  await tab.close();
});
