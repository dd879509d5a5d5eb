// The extension in German: Chromium started with --lang=de (and LANGUAGE=de, which Linux builds
// read for the UI language) shows the popup and the options page in German, with numbers and
// dates in German form. Screenshots (docs/screenshots/*-de.png) only with ADVOCATE_SCREENSHOTS=1.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './chromium';
import { allowSiteAccess, detectedTabId, openPopup, screenshot, seriousA11yViolations, startTestEndpoint, type TestEndpoint } from './helpers';
import { de } from '../messages';
import { waitForLayers } from './in-page';
import { startSiteServer, type SiteServer } from './site-server';

const REPO_URL = 'https://github.com/mysql/mysql-server';
const msg = de; // the German message as Chrome shows it
const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/pages', name), 'utf8');

let site: SiteServer;
let endpoint: TestEndpoint;
let browser: ExtensionBrowser;
let tabId: number;

/** The options page, once its German enrol button is there (the shared helper waits for the English one). */
async function openOptions(b: ExtensionBrowser) {
  const page = await b.context.newPage();
  await page.goto(b.extensionUrl('src/options/index.html'));
  await page.getByRole('button', { name: msg('enrolAction'), exact: true }).waitFor();
  return page;
}

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  site = await startSiteServer();
  site.page('github.com', '/mysql/mysql-server', fixture('github-mysql-server.html'));
  browser = await launchWithExtension({ mapHosts: ['github.com'], port: site.port, args: ['--lang=de'], env: { LANGUAGE: 'de', LANG: 'de_DE.UTF-8' } });
  await allowSiteAccess(browser, 'http://127.0.0.1/*');
  const repo = await browser.context.newPage();
  await repo.goto(REPO_URL);
  tabId = await detectedTabId(browser, REPO_URL);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await endpoint?.close();
});

test("the browser shows the extension's German messages", async () => {
  const page = await openOptions(browser);
  // (headless Chromium may still report getUILanguage() as en-US: src/ui/i18n.ts formats for the messages' language)
  expect(await page.evaluate(() => chrome.i18n.getMessage('messagesLocale'))).toBe('de');
  await page.close();
});

test('the options page is in German: the welcome, the enrol form, and a German error', async () => {
  const page = await openOptions(browser);
  await page.setViewportSize({ width: 900, height: 1000 });
  await page.getByRole('heading', { name: msg('optionsTitle') }).waitFor();
  await page.getByRole('heading', { name: msg('welcomeTitle') }).waitFor();
  expect(await page.getByText(msg('welcomeWhat')).isVisible()).toBe(true);
  expect(await page.getByLabel(msg('enrolEndpoint')).isVisible()).toBe(true);
  expect(await page.getByRole('heading', { name: msg('settingsTitle') }).isVisible()).toBe(true);
  await screenshot(page, 'options-welcome-de');

  await page.getByLabel(msg('enrolEndpoint')).fill('not a url');
  await page.getByLabel(msg('enrolCode')).fill('ANY-CODE');
  await page.getByRole('button', { name: msg('enrolAction'), exact: true }).click();
  await expect.poll(() => page.getByRole('alert').innerText()).toBe(msg('enrolUrlMalformed'));
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.close();
});

test('the popup is in German before and after enrolment, with the site named as it writes itself', async () => {
  const first = await openPopup(browser, tabId);
  await first.page.getByRole('heading', { name: msg('firstRunTitle') }).waitFor();
  expect(await first.page.getByRole('tab', { name: msg('tabThisPage') }).isVisible()).toBe(true);
  await screenshot(first.page, 'popup-not-enrolled-de');
  await first.page.close();

  // Enrol through the German options page (the shared helper types into the English labels).
  const options = await openOptions(browser);
  await options.setViewportSize({ width: 900, height: 1000 });
  await options.getByLabel(msg('enrolEndpoint')).fill(endpoint.url);
  await options.getByLabel(msg('enrolCode')).fill(await endpoint.newPractitioner([{ productId: 'mysql', level: 'professional' }]));
  await options.getByRole('button', { name: msg('enrolAction'), exact: true }).click();
  await expect.poll(() => options.getByRole('status').filter({ hasText: 'angemeldet' }).count(), { timeout: 15_000 }).toBe(1);
  const card = options.locator('.vendor-card').first();
  expect(await card.innerText()).toContain(msg('vendorCertified'));
  // the enrolment date in German form, e.g. "2. Dez. 2026"
  expect(await card.innerText()).toMatch(/\d{1,2}\. [A-Za-zä]{3,4}\.? \d{4}/);
  expect(await options.locator('#welcome-h').count()).toBe(0);
  await screenshot(options, 'options-certified-de');
  await options.close();

  const { page: popup } = await openPopup(browser, tabId);
  await popup.getByText(msg('pageTypeLine', msg('pageType_project'), 'GitHub')).waitFor();
  await popup.getByRole('heading', { name: msg('generateTitle') }).waitFor();
  await popup.getByRole('button', { name: msg('createLink') }).click();
  await popup.getByRole('heading', { name: msg('linkReady') }).waitFor();
  // the result is in view and focused, at the real popup size
  expect(await popup.evaluate(() => document.activeElement?.id)).toBe('share-link');
  expect(await popup.locator('#share-link').isVisible()).toBe(true);
  expect(await popup.locator('.code-line').innerText()).toMatch(/^Empfehlungscode: [0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
  expect(await seriousA11yViolations(popup)).toEqual([]);
  await screenshot(popup, 'popup-link-de');
  await popup.getByRole('tab', { name: msg('tabActivity') }).click();
  await popup.getByRole('heading', { name: msg('recentReferrals') }).waitFor();
  await screenshot(popup, 'popup-activity-de');
  await popup.close();
});

test("the suggestion in the page is German too, the certification's last day in German form", async () => {
  const page = await browser.context.newPage();
  await page.goto(REPO_URL);
  const [card] = await waitForLayers(page, 1);
  const text = card!.html.replace(/<[^>]+>/g, ' ');
  expect(text).toContain(msg('cardOpen'));
  // e.g. "Sie sind für MySQL zertifiziert: Professional, gültig bis 1. Dez. 2028"
  const [before] = msg('cardCertifiedUntil', 'MySQL', msg('level_professional'), '\u0000').split('\u0000') as [string];
  expect(text).toMatch(new RegExp(`${before.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d{1,2}\\. [A-Za-zä]{3,4}\\.? \\d{4}`));
  expect(text).not.toMatch(/\buntil\b|\d{4}-\d{2}-\d{2}/);
  await page.close();
});

test('a sync problem is told in German too: the vendor away, Sync now says so and that it will retry', async () => {
  await endpoint.stop();
  try {
    const { page: popup } = await openPopup(browser, tabId);
    await popup.getByRole('tab', { name: msg('tabActivity') }).click();
    await popup.getByRole('button', { name: msg('syncNow') }).click();
    // The network's own words stay as the browser gave them; the sentence around them is German.
    const [before, after] = msg('syncUnreachable', '\u0000').split('\u0000') as [string, string];
    const told = popup.getByText(before, { exact: false });
    await told.first().waitFor();
    expect(await told.first().innerText()).toContain(after);
    expect(await popup.getByText('will retry', { exact: false }).count()).toBe(0);
    await popup.close();
  } finally {
    await endpoint.restart();
  }
});
