// The built Firefox variant (dist-firefox/) in Debian's Firefox ESR over WebDriver BiDi: its event
// page starts with the sync alarm, a project page served under its real host name is detected,
// the practitioner enrols through the options page, the popup creates a referral and Sync now
// delivers it to the reference endpoint; then, with the vendor away, a second referral survives
// Firefox unloading the event page and is delivered exactly once when it wakes.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FIREFOX_MIN_VERSION, GECKO_ID } from '../../scripts/firefox-manifest';
import { launchFirefoxWithExtension, POPUP_VIEWPORT, type FirefoxWithExtension } from './firefox';
import { SCREENSHOTS, startTestEndpoint, TAKE_SCREENSHOTS, type TestEndpoint } from './helpers';
import { startSiteServer, type SiteServer } from './site-server';

const REPO_URL = 'https://github.com/mysql/mysql-server';
const WAIT = { timeout: 20_000 };

let site: SiteServer;
let endpoint: TestEndpoint;
let firefox: FirefoxWithExtension;
let options: Page;
let popup: Page;
let tabId: number;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  site = await startSiteServer();
  site.page('github.com', '/mysql/mysql-server', readFileSync(resolve(import.meta.dirname, '../fixtures/pages/github-mysql-server.html'), 'utf8'));
  firefox = await launchFirefoxWithExtension({ mapHosts: ['github.com'], port: site.port });
  console.log(`Firefox browser test ran in ${firefox.version}`);
});
afterAll(async () => {
  await firefox?.close();
  await site?.close();
  await endpoint?.close();
});

/** The element with this ARIA role and accessible name, once it is there. */
async function byRole(page: Page, role: string, name: string): Promise<ElementHandle> {
  const handle = await page.waitForSelector(`::-p-aria([name=${JSON.stringify(name)}][role=${JSON.stringify(role)}])`, WAIT);
  if (!handle) throw new Error(`No ${role} named ${name}`);
  return handle;
}

/** A tab whose name starts with `prefix` ("Activity (1)"). */
async function tabStartingWith(page: Page, prefix: string): Promise<ElementHandle> {
  for (const tab of await page.$$('::-p-aria([role="tab"])')) {
    if ((await tab.evaluate((el) => el.textContent ?? '')).startsWith(prefix)) return tab;
  }
  throw new Error(`No tab named ${prefix}…`);
}

const waitForText = (page: Page, text: string) => page.waitForFunction((wanted) => document.body.innerText.includes(wanted), WAIT, text);

/** What the extension's pages call `browser` (Firefox's own namespace, no polyfill needed here). */
type FirefoxApi = {
  alarms: { get(name: string): Promise<{ periodInMinutes?: number; scheduledTime: number } | undefined> };
  storage: { session: { get(keys: null): Promise<Record<string, unknown>> } };
  runtime: { getManifest(): Record<string, unknown> };
};

async function createLink(): Promise<string> {
  await (await tabStartingWith(popup, 'This page')).click();
  await (await byRole(popup, 'button', 'Create link')).click();
  const field = await byRole(popup, 'textbox', 'Referral link');
  const link = await field.evaluate((el) => (el as HTMLInputElement).value);
  expect(link).toMatch(new RegExp(`^${endpoint.url}/r/[0-9A-Za-z]{8,24}(\\?|$)`));
  await waitForText(popup, 'Saved on this device');
  return new URL(link).pathname.split('/').pop()!;
}

/** Sync now on the Activity tab, from "1 item not yet accepted" to "Everything has reached its vendor". */
async function syncNow(): Promise<void> {
  await (await tabStartingWith(popup, 'Activity')).click();
  await waitForText(popup, '1 item not yet accepted by its vendor.');
  await (await byRole(popup, 'button', 'Sync now')).click();
  await waitForText(popup, 'Everything has reached its vendor.');
}

/** How many times the reference endpoint stored each referral code, and where it came from. */
function stored(code: string): { channel: string; page_host: string | null }[] {
  const db = new Database(join(endpoint.dataDir, 'advocate.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT channel, page_host FROM referrals WHERE code = ?').all(code) as never;
  } finally {
    db.close();
  }
}

test('the Firefox variant installs as a temporary add-on; its event page starts and sets the sync alarm', async () => {
  expect(firefox.addonId).toBe(GECKO_ID);
  const major = Number(/^firefox\/(\d+)/i.exec(firefox.version)?.[1]);
  expect(major).toBeGreaterThanOrEqual(Number.parseInt(FIREFOX_MIN_VERSION, 10));

  options = await firefox.openExtensionPage('src/options/index.html');
  await byRole(options, 'button', 'Enrol');
  const seen = await options.evaluate(async () => {
    const api = (globalThis as unknown as { browser: FirefoxApi }).browser;
    const manifest = api.runtime.getManifest() as { background: { scripts?: string[]; type?: string; service_worker?: string | null }; browser_specific_settings: { gecko: { strict_min_version: string } } };
    return { background: manifest.background, minVersion: manifest.browser_specific_settings.gecko.strict_min_version, alarm: await api.alarms.get('advocate-sync') };
  });
  // An event page, no service worker (Firefox reports absent keys as null).
  expect(seen.background).toMatchObject({ scripts: [firefox.extensionUrl('service-worker-loader.js')], type: 'module' });
  expect(seen.background.service_worker ?? null).toBeNull();
  expect(seen.minVersion).toBe(FIREFOX_MIN_VERSION);
  // Firefox has no 30 s or 1 min floor for alarms; the worker's 1-minute period stands as asked.
  expect(seen.alarm?.periodInMinutes).toBe(1);
  expect(await firefox.backgroundState()).toBe('running');
});

test('a project page served under its real host name is detected by the content script', async () => {
  const repo = await firefox.browser.newPage();
  await repo.goto(REPO_URL);
  expect(await repo.title()).toContain('mysql/mysql-server');
  // The worker keeps the last detection per tab in storage.session; extension pages can read it.
  const detected = await options.waitForFunction(
    async (url) => {
      const api = (globalThis as unknown as { browser: FirefoxApi }).browser;
      const remembered = (await api.storage.session.get(null)) as Record<string, { url?: string; detection?: { pageType: string; keys: string[] } }>;
      const key = Object.keys(remembered).find((k) => k.startsWith('tab:') && remembered[k]?.url === url);
      return key ? { tabId: Number(key.slice('tab:'.length)), detection: remembered[key]!.detection } : null;
    },
    WAIT,
    REPO_URL,
  );
  const found = (await detected.jsonValue()) as { tabId: number; detection: { pageType: string; keys: string[] } };
  expect(found.detection.pageType).toBe('project');
  expect(found.detection.keys).toContain('github:mysql/mysql-server');
  tabId = found.tabId;
});

test('the practitioner enrols through the real options page', async () => {
  const code = await endpoint.newPractitioner([{ productId: 'mysql', level: 'professional' }]);
  await (await byRole(options, 'textbox', 'Vendor endpoint URL')).type(endpoint.url);
  await (await byRole(options, 'textbox', 'Enrolment code')).type(code);
  await (await byRole(options, 'button', 'Enrol')).click();
  await waitForText(options, 'Enrolled with Demo Database Co.');
});

test('the popup names the product, creates a referral with the vendor away, and Sync now delivers it', async () => {
  popup = await firefox.openExtensionPage(`src/popup/index.html?tab=${tabId}`);
  await popup.setViewport(POPUP_VIEWPORT);
  const products = await byRole(popup, 'list', 'Products this page is about');
  const card = await products.evaluate((el) => (el as HTMLElement).innerText);
  expect(card).toContain('MySQL');
  expect(card).toContain('Demo Database Co.');
  expect(card).toContain('MySQL Enterprise Support');

  await endpoint.stop(); // the link must appear at once, without the vendor
  const code = await createLink();
  await (await byRole(popup, 'heading', 'Your link')).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  if (TAKE_SCREENSHOTS) await popup.screenshot({ path: join(SCREENSHOTS, 'firefox-popup-link.png') });
  expect(stored(code)).toEqual([]);

  await endpoint.restart();
  await syncNow();
  expect(stored(code)).toEqual([{ channel: expect.any(String), page_host: 'github.com' }]);
});

test('a referral made while the vendor is away survives Firefox unloading the event page, and arrives once', async () => {
  await endpoint.stop();
  const code = await createLink();

  // Firefox unloads an idle event page (after 30 s by default); here it is unloaded at once.
  expect(await firefox.terminateBackground()).toBe('stopped');
  // The alarm lives in the browser, not in the page: it is still set while the page is gone.
  const alarm = await popup.evaluate(() => (globalThis as unknown as { browser: FirefoxApi }).browser.alarms.get('advocate-sync'));
  expect(alarm?.periodInMinutes).toBe(1);
  expect(await firefox.backgroundState()).toBe('stopped');

  await endpoint.restart();
  await syncNow(); // its message wakes the event page, which finds the referral in IndexedDB
  expect(await firefox.backgroundState()).toBe('running');
  expect(stored(code)).toEqual([{ channel: expect.any(String), page_host: 'github.com' }]);
});
