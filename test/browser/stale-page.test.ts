// Nothing about a page outlives it. A tab showing a matched page (github.com/mysql/mysql-server)
// moves to a page that matches nothing, by a full navigation and by a single-page-site
// navigation (GitHub's Turbo: pushState + turbo:load): the popup must show no match, and a
// referral created from it must carry nothing of the old page to the vendor.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { currentWorker, launchWithExtension, type ExtensionBrowser } from './chromium';
import { allowSiteAccess, detectedTabId, enrolOnce, openPopup, startTestEndpoint, type TestEndpoint } from './helpers';
import { startSiteServer, type SiteServer } from './site-server';

const REPO_URL = 'https://github.com/mysql/mysql-server';
const BLOG_URL = 'https://blog.example.org/2026/notes';
const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/pages', name), 'utf8');

let site: SiteServer;
let endpoint: TestEndpoint;
let browser: ExtensionBrowser;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  site = await startSiteServer();
  site.page('github.com', '/mysql/mysql-server', fixture('github-mysql-server.html'));
  site.page('blog.example.org', '/2026/notes', '<!doctype html><title>Notes</title><h1>Some notes</h1><p>Nothing about any product.</p>');
  browser = await launchWithExtension({ mapHosts: ['github.com', 'blog.example.org'], port: site.port });
  await allowSiteAccess(browser, 'http://127.0.0.1/*');
});

/** Enrols once, from inside the first test that needs it. */
const enrolled = enrolOnce(() => browser, () => endpoint);
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await endpoint?.close();
});

/** Whether the worker still remembers a page for the tab (chrome.storage.session, where it keeps them). */
async function remembered(tabId: number): Promise<boolean> {
  const worker = await currentWorker(browser.context);
  return worker.evaluate(async (key) => key in (await chrome.storage.session.get(key)), `tab:${tabId}`);
}

/** What the popup says: a page it cannot read (a site Advocate does not serve), or one it read that matches nothing. */
const CANNOT_READ = 'Nothing Advocate knows of is on this page';
const READ_NO_MATCH = "Nothing in your vendors' catalogs matches this page.";

/** The popup pinned to the tab: no product, the no-match text, and a referral made through search carries no old page. */
async function expectNoOldPage(tabId: number, campaign: string, noMatchText: string, pageHost: string | null) {
  const { page: popup } = await openPopup(browser, tabId);
  await popup.getByText(noMatchText).waitFor();
  expect(await popup.getByRole('list', { name: 'Products this page is about' }).count()).toBe(0);
  await referViaSearch(popup, campaign);
  await popup.close();
  const db = new Database(join(endpoint.dataDir, 'advocate.sqlite'), { readonly: true });
  const rows = db.prepare('SELECT page_host, page_url FROM referrals WHERE campaign = ?').all(campaign);
  db.close();
  expect(rows).toEqual([{ page_host: pageHost, page_url: null }]);
}

async function referViaSearch(popup: Page, campaign: string) {
  await popup.getByLabel('Product or project name').fill('MySQL');
  await popup.getByRole('button', { name: 'Search' }).click();
  await popup.getByLabel('Offer').selectOption({ label: 'MySQL — MySQL Enterprise Support (Demo Database Co.)' });
  await popup.getByLabel('Campaign (optional)').fill(campaign);
  await popup.getByRole('button', { name: 'Create link' }).click();
  await popup.getByRole('textbox', { name: 'Referral link' }).waitFor();
  await popup.getByRole('tab', { name: /Activity/ }).click();
  await popup.getByRole('button', { name: 'Sync now' }).click();
  await popup.getByText(/Sent \d+, accepted \d+, parked 0\./).waitFor({ timeout: 10_000 });
}

test('a full navigation to a page that matches nothing: the popup shows no match and sends no old URL', async () => {
  await enrolled();
  const tab = await browser.context.newPage();
  await tab.goto(REPO_URL);
  const tabId = await detectedTabId(browser, REPO_URL);
  // Positive control: before the navigation the popup does offer MySQL for this tab.
  const { page: before } = await openPopup(browser, tabId);
  await before.getByRole('list', { name: 'Products this page is about' }).getByRole('heading', { name: 'MySQL' }).waitFor();
  await before.close();

  await tab.goto(BLOG_URL);
  await expect.poll(() => remembered(tabId)).toBe(false);
  await expectNoOldPage(tabId, 'after-full-navigation', CANNOT_READ, null);
  await tab.close();
});

test('a single-page-site navigation to a page nobody reports: the popup shows no match and sends no old URL', async () => {
  await enrolled();
  const tab = await browser.context.newPage();
  await tab.goto(REPO_URL);
  const tabId = await detectedTabId(browser, REPO_URL);
  expect(await remembered(tabId)).toBe(true);
  // What GitHub's Turbo does: the URL changes without a load, then turbo:load fires.
  await tab.evaluate(() => {
    history.pushState({}, '', '/settings');
    document.dispatchEvent(new Event('turbo:load'));
  });
  await expect.poll(() => remembered(tabId)).toBe(false);
  // github.com is one of Advocate's sites, so the popup reads the page the tab shows now: it
  // matches nothing, and the referral carries that page's host (the default share), nothing of the repository.
  await expectNoOldPage(tabId, 'after-soft-navigation', READ_NO_MATCH, 'github.com');
  await tab.close();
});
