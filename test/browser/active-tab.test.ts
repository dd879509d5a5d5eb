// A site Advocate does not serve, after a real click on the toolbar icon: the browser's
// `activeTab` grant lets the worker read that one page once (the same signal reader as the
// content script), and the popup names its product and offers "Suggest on this site". Driven by
// puppeteer-core over a pipe with --enable-unsafe-extension-debugging, which is what lets the
// DevTools protocol press the extension's toolbar button (Extensions.triggerAction).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { chromiumPath, DIST } from './chromium';
import { startTestEndpoint, type TestEndpoint } from './helpers';
import { hostResolverRules, startSiteServer, type SiteServer } from './site-server';

const UNSERVED = 'https://eu.forums.mysql.com/t/replication-lag-after-upgrading-to-8-4/42';
const WAIT = { timeout: 20_000 };

let site: SiteServer;
let endpoint: TestEndpoint;
let browser: Browser;
let extensionId: string;
const profile = mkdtempSync(join(tmpdir(), 'advocate-active-tab-'));

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  site = await startSiteServer();
  const page = readFileSync(resolve(import.meta.dirname, '../fixtures/pages/discourse-mysql-topic.html'), 'utf8').replaceAll('https://forums.mysql.com', 'https://eu.forums.mysql.com');
  site.page('eu.forums.mysql.com', new URL(UNSERVED).pathname, page);
  browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    pipe: true,
    enableExtensions: true,
    acceptInsecureCerts: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--host-resolver-rules=${hostResolverRules(['eu.forums.mysql.com'], site.port, { othersFail: true })}`, '--ignore-certificate-errors'],
  });
  extensionId = await browser.installExtension(DIST);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await endpoint?.close();
  rmSync(profile, { recursive: true, force: true });
});

const aria = (role: string, name: string) => `::-p-aria([name=${JSON.stringify(name)}][role=${JSON.stringify(role)}])`;
const waitForText = (page: Page, text: string) => page.waitForFunction((wanted) => document.body.innerText.includes(wanted), WAIT, text);

async function enrol(): Promise<void> {
  // As the Chromium tests do (helpers.ts, allowSiteAccess): site access to the local endpoint beforehand.
  const settings = await browser.newPage();
  await settings.goto('chrome://extensions');
  await settings.evaluate((id) => (chrome as unknown as { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } }).developerPrivate.addHostPermission(id, 'http://127.0.0.1/*'), extensionId);
  await settings.close();
  const options = await browser.newPage();
  await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await (await options.waitForSelector(aria('textbox', 'Vendor endpoint URL'), WAIT))!.type(endpoint.url);
  await (await options.waitForSelector(aria('textbox', 'Enrolment code'), WAIT))!.type(await endpoint.newPractitioner([{ productId: 'mysql', level: 'professional' }]));
  await (await options.waitForSelector(aria('button', 'Enrol'), WAIT))!.click();
  await waitForText(options, 'Enrolled with Demo Database Co.');
  await options.close();
}

test('a click on the toolbar icon reads an unserved page once: the popup names its product and offers to suggest there', async () => {
  await enrol();
  const tab = await browser.newPage();
  const worlds: string[] = [];
  const cdp = await tab.createCDPSession();
  cdp.on('Runtime.executionContextCreated', ({ context }) => void worlds.push(context.origin));
  await cdp.send('Runtime.enable');
  await tab.goto(UNSERVED, { waitUntil: 'load' });
  await tab.evaluate(() => new Promise((idle) => requestIdleCallback(() => requestIdleCallback(idle))));
  expect(worlds.filter((origin) => origin.includes(extensionId))).toEqual([]); // no content script here

  const extension = (await browser.extensions()).get(extensionId)!;
  const popupTarget = browser.waitForTarget((t) => t.url().startsWith(`chrome-extension://${extensionId}/src/popup/`), WAIT);
  await tab.bringToFront();
  await tab.triggerExtensionAction(extension); // the practitioner's click on the toolbar icon
  const popup = (await (await popupTarget).asPage())!;
  await popup.waitForSelector(aria('list', 'Products this page is about'), WAIT);
  await waitForText(popup, 'MySQL Enterprise Support');
  await popup.waitForSelector(aria('button', 'Suggest on this site'), WAIT);
  expect(await popup.evaluate(() => document.body.innerText)).toContain('does not read eu.forums.mysql.com otherwise');
  const remembered = await popup.evaluate(() => chrome.storage.session.get(null));
  expect(Object.values(remembered).some((page) => (page as { url?: string }).url === UNSERVED)).toBe(true);
  // "Suggest on this site" itself asks the browser, whose prompt headless Chromium cannot answer:
  // what follows the grant is tested in the worker (test/unit/background/commands/sites.*.test.ts).
});
