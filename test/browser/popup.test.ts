// The real popup page against a detected tab (github.com/mysql/mysql-server served locally)
// and the reference endpoint in-process: first run, the match with its offer and certification,
// a link generated offline with its disclosure, copy, QR code, a click counted before sync, and
// Sync now. Every main state is scanned with axe-core and photographed into docs/screenshots/.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './chromium';
import { allowSiteAccess, detectedTabId, enrolThroughOptions, openPopup, screenshot, seriousA11yViolations, startTestEndpoint, type TestEndpoint } from './helpers';
import { startSiteServer, type SiteServer } from './site-server';

const REPO_URL = 'https://github.com/mysql/mysql-server';
const OFFER_HOST = 'demo-db.example.com'; // where the demo catalog's offers live
const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/pages', name), 'utf8');

let site: SiteServer;
let endpoint: TestEndpoint;
let browser: ExtensionBrowser;
let tabId: number;
let popup: Page;
let link: string;
const figures: Record<string, number> = {};

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  site = await startSiteServer();
  site.page('github.com', '/mysql/mysql-server', fixture('github-mysql-server.html'));
  site.page(OFFER_HOST, '/offers/mysql-enterprise', '<!doctype html><title>MySQL Enterprise Support</title><h1>MySQL Enterprise Support</h1>');
  browser = await launchWithExtension({ mapHosts: ['github.com', OFFER_HOST], port: site.port });
  await allowSiteAccess(browser, 'http://127.0.0.1/*');
  // Chromium takes chrome-extension:// for an opaque origin here, so grant without one.
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);

  const repo = await browser.context.newPage();
  await repo.goto(REPO_URL);
  tabId = await detectedTabId(browser, REPO_URL);
});
afterAll(async () => {
  console.log('popup figures', figures);
  await browser?.close();
  await site?.close();
  await endpoint?.close();
});

test('before any enrolment the popup leads to the options page', async () => {
  const { page } = await openPopup(browser, tabId);
  await page.getByRole('heading', { name: 'Welcome to Advocate' }).waitFor();
  expect(await page.getByRole('button', { name: 'Enrol with a vendor' }).isVisible()).toBe(true);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, 'popup-not-enrolled');
  await page.close();
});

test('after enrolment the popup shows the matched product, its offer and the certification', async () => {
  const options = await enrolThroughOptions(browser, endpoint.url, await endpoint.newPractitioner([{ productId: 'mysql', level: 'professional' }]));
  await options.setViewportSize({ width: 900, height: 900 });
  await options.getByRole('heading', { name: 'Demo Database Co.' }).scrollIntoViewIfNeeded();
  await screenshot(options, 'options-certified');
  await options.close();

  const opened = await openPopup(browser, tabId);
  popup = opened.page;
  figures.firstRenderMs = Math.round(opened.firstRenderMs);
  const products = popup.getByRole('list', { name: 'Products this page is about' });
  await products.waitFor();
  expect(await products.getByRole('heading', { name: 'MySQL' }).count()).toBe(1);
  const card = await products.innerText();
  expect(card).toContain('Demo Database Co.');
  expect(card).toContain('MySQL Enterprise Support');
  expect(card).toContain('24/7 support, hot backup, audit log and thread pool.');
  expect(card).toMatch(/Certified · professional · until/);
  expect(await popup.getByRole('button', { name: /Use for a link: MySQL Enterprise Support/ }).count()).toBe(1);
  expect(await seriousA11yViolations(popup)).toEqual([]);
  await screenshot(popup, 'popup-match');
  await popup.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousA11yViolations(popup)).toEqual([]);
  await screenshot(popup, 'popup-match-dark');
  await popup.emulateMedia({ colorScheme: 'light' });
});

test('a link is generated offline with its disclosure, copied as Markdown and shown as a QR code', async () => {
  await endpoint.stop(); // the vendor is unreachable: the link must still appear at once
  await popup.getByLabel('Offer', { exact: true }).selectOption({ label: 'MySQL — MySQL Enterprise Support (Demo Database Co.)' });
  await popup.getByLabel('Where you will share it').selectOption('forum-answer');
  await popup.getByLabel('Campaign (optional)').fill('fosdem-2027');
  await popup.getByRole('button', { name: 'Create link' }).click();

  const field = popup.getByRole('textbox', { name: 'Referral link' });
  await field.waitFor();
  link = await field.inputValue();
  expect(link).toMatch(new RegExp(`^${endpoint.url}/r/[0-9A-Za-z]{8,24}(\\?|$)`));
  expect(await popup.getByText('Saved on this device').count()).toBe(1);
  const preview = await popup.getByRole('region', { name: 'Your link' }).locator('pre').innerText();
  expect(preview).toContain(link);
  expect(preview).toContain('paid referral link');
  expect(preview).toContain('Demo Database Co.');

  await popup.getByRole('button', { name: 'Copy Markdown' }).click();
  await popup.getByText('Copied as Markdown, with its disclosure.').waitFor();
  expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(preview);
  // Keyboard only: focus the plain-text button and press Enter.
  await popup.getByRole('button', { name: 'Copy plain text' }).focus();
  await popup.keyboard.press('Enter');
  await popup.getByText('Copied as plain text, with its disclosure.').waitFor();
  const plain = await popup.evaluate(() => navigator.clipboard.readText());
  expect(plain).toContain(link);
  expect(plain).toContain('Disclosure: this is a paid referral link');
  expect(plain).not.toContain(`(${link})`); // no Markdown link syntax in plain text

  expect(await seriousA11yViolations(popup)).toEqual([]);
  await popup.getByRole('heading', { name: 'Your link' }).scrollIntoViewIfNeeded();
  await screenshot(popup, 'popup-link-with-disclosure');

  await popup.getByRole('button', { name: 'Show QR code' }).click();
  const qr = popup.getByRole('img', { name: 'QR code of the referral link to MySQL Enterprise Support' });
  await qr.scrollIntoViewIfNeeded();
  expect(await qr.isVisible()).toBe(true);
  expect(await seriousA11yViolations(popup)).toEqual([]);
  await screenshot(popup, 'popup-qr-code');
});

test('the vendor counts a click before sync; Sync now delivers the referral and brings the click back', async () => {
  await endpoint.restart();
  const code = new URL(link).pathname.split('/').pop()!;

  // A reader follows the link: the endpoint verifies the code's MAC, counts the click and
  // redirects to the offer with the code, although the referral has not reached it yet.
  const reader = await browser.context.newPage();
  await reader.goto(link);
  expect(reader.url()).toBe(`https://${OFFER_HOST}/offers/mysql-enterprise?ref=${code}`);
  await reader.close();

  await popup.getByRole('tab', { name: 'Activity (1)' }).click();
  await popup.getByText('1 item not yet accepted by its vendor.').waitFor();
  expect(await seriousA11yViolations(popup)).toEqual([]);
  await popup.getByRole('button', { name: 'Sync now' }).click();
  await popup.getByText('Sent 1, accepted 1, parked 0.').waitFor({ timeout: 10_000 });

  const db = new Database(join(endpoint.dataDir, 'advocate.sqlite'), { readonly: true });
  const stored = db.prepare('SELECT product_id, offer_id, channel, campaign, page_host FROM referrals WHERE code = ?').all(code);
  db.close();
  expect(stored).toEqual([{ product_id: 'mysql', offer_id: 'mysql-enterprise', channel: 'forum-answer', campaign: 'fosdem-2027', page_host: 'github.com' }]);

  const referral = popup.getByRole('region', { name: 'Recent referrals' }).getByRole('listitem').first();
  await expect.poll(() => referral.innerText()).toContain('Clicks: 1 · Conversions: 0');
  expect(await referral.innerText()).toContain('Synced');
  const totals = popup.getByRole('table');
  expect(await totals.getByRole('row', { name: /Demo Database Co\./ }).innerText()).toMatch(/Demo Database Co\.\s+1\s+1\s+0\s/);
  expect(await seriousA11yViolations(popup)).toEqual([]);
  await screenshot(popup, 'popup-activity');
  await popup.emulateMedia({ colorScheme: 'dark' });
  await screenshot(popup, 'popup-activity-dark');
});
