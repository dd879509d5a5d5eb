// Hostile pages: pages under real served host names (github.com, stackoverflow.com, a Discourse
// forum), built to attack the content script and the suggestion UI (test/fixtures/hostile/, each
// saying what it does). Payloads in titles, meta tags, canonical URLs, tags and text; a page that
// redefines the DOM's, JSON's, Array's and Object's methods before anything runs; one that
// clobbers globals and document properties with named elements; one that floods history changes;
// one that reads and presses into the closed shadow roots with synthetic events; one that probes
// for Advocate's files. Nothing may execute (the payloads push to window.__pwned), nothing may
// crash (the worker answers, a sane page still gets its suggestion), no referral, draft or
// setting may change without a person's click (a real click does make one: the positive
// control), and nothing of Advocate may be read from the page.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { currentWorker, launchWithExtension, type ExtensionBrowser } from './chromium';
import { allowSiteAccess, detectedTabId, enrolOnce, listVendors, openPopup, startTestEndpoint, type TestEndpoint } from './helpers';
import { afterIdle, axClick, axFind, layers, waitForLayers } from './in-page';
import { startSiteServer, type SiteServer } from './site-server';

const hostile = (name: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/hostile', name), 'utf8');
const sane = (name: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/pages', name), 'utf8');

const OFFER = 'MySQL Enterprise Support';
const PAGES = {
  githubMarkup: { url: 'https://github.com/mysql/mysql-server/issues/101', file: 'github-markup.html' },
  stackoverflowMarkup: { url: 'https://stackoverflow.com/questions/19267601/why-is-my-innodb-count-slow', file: 'stackoverflow-markup.html' },
  discourseMarkup: { url: 'https://forums.mysql.com/t/replication-lag-after-upgrading-to-8-4/150', file: 'discourse-markup.html' },
  prototypes: { url: 'https://github.com/mysql/mysql-server/issues/102', file: 'prototypes.html' },
  clobber: { url: 'https://github.com/mysql/mysql-server/issues/103', file: 'clobber.html' },
  flood: { url: 'https://github.com/mysql/mysql-server', file: 'history-flood.html' },
  shadow: { url: 'https://forums.mysql.com/t/replication-lag-after-upgrading-to-8-4/151', file: 'shadow.html' },
  probe: { url: 'https://stackoverflow.com/questions/19267602/why-is-my-innodb-count-slow', file: 'probe.html' },
} as const;
const SANE = 'https://github.com/mysql/mysql-server/issues/1';
/** A page no content script reads, for the positive control of the payloads themselves. */
const CONTROL = 'https://github.com/features/control';
/** Every payload and attack string: none may show up inside what Advocate shows. */
const PAYLOAD_MARKS = ['<img', '<svg', '<script', 'onerror', 'onload', 'pwned', 'javascript:', 'hostile'];

let site: SiteServer;
let endpoint: TestEndpoint;
let browser: ExtensionBrowser;
const tally = { pages: 0, attacks: 0, violations: [] as string[] };
const violation = (what: string) => tally.violations.push(what);
/** The violations found since `start` (each test checks its own; the tally prints all). */
const since = (start: number) => tally.violations.slice(start);

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  site = await startSiteServer();
  browser = await launchWithExtension({ mapHosts: ['github.com', 'stackoverflow.com', 'forums.mysql.com'], port: site.port });
  await allowSiteAccess(browser, 'http://127.0.0.1/*');
  const fakeId = 'abcdefghijklmnopabcdefghijklmnop';
  for (const p of Object.values(PAGES)) site.page(new URL(p.url).host, new URL(p.url).pathname, hostile(p.file).replaceAll('__EXTENSION_ID__', browser.extensionId).replaceAll('__FAKE_ID__', fakeId));
  site.page('github.com', '/mysql/mysql-server/issues/1', sane('github-mysql-issue.html'));
  site.page('github.com', '/features/control', '<!doctype html><title>Control</title><div id="scratch"></div>');
});
afterAll(async () => {
  console.log(`hostile pages: ${tally.pages} pages attacked, ${tally.attacks} attacks tried, violations: ${tally.violations.length}${tally.violations.length ? `\n  ${tally.violations.join('\n  ')}` : ''}`);
  await browser?.close();
  await site?.close();
  await endpoint?.close();
});

const sessions = new WeakMap<Page, CDPSession>();
/**
 * Evaluates in the page's own (main) world over the DevTools protocol, returning by value: no
 * Playwright helper script runs in that world, so the page's redefined builtins do not matter.
 */
async function inPage<T>(page: Page, expression: string): Promise<T> {
  let session = sessions.get(page);
  if (!session) sessions.set(page, (session = await page.context().newCDPSession(page)));
  const { result, exceptionDetails } = (await session.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as { result: { value?: T }; exceptionDetails?: { text: string } };
  if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.text}`);
  return result.value as T;
}

/** What the page's own scripts recorded: the payloads that ran (none may) and the attacks it tried. */
async function pageRecord(page: Page): Promise<{ pwned: string[] | null; attacks: number }> {
  return inPage(page, '({ pwned: window.__pwned ?? null, attacks: (window.__attacks ?? []).length })');
}

/** Opens a hostile page; counts it and (at the end of its test) the attacks its scripts tried. */
async function attack(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  tally.pages += 1;
  return page;
}

async function finish(page: Page, name: string, extraAttacks = 0): Promise<void> {
  const record = await pageRecord(page);
  if (record.pwned) violation(`${name}: page-world code ran: ${record.pwned.join(', ')}`);
  tally.attacks += record.attacks + extraAttacks;
  await page.close();
}

/** Advocate's shown text, checked to be the worker's offer and nothing of the page. */
async function checkCard(page: Page, name: string, offer = OFFER): Promise<void> {
  const [card] = await waitForLayers(page, 1);
  if (!card!.html.includes(`Recommend ${offer}`)) violation(`${name}: the suggestion does not name ${offer}: ${card!.html.slice(0, 200)}`);
  for (const mark of PAYLOAD_MARKS) if (card!.html.toLowerCase().includes(mark)) violation(`${name}: the suggestion holds "${mark}"`);
}

type Worker = Awaited<ReturnType<typeof currentWorker>>;
/** The referrals stored in the worker's IndexedDB, and what its session holds (reply drafts). */
async function workerState(worker: Worker): Promise<{ referrals: number; drafts: string[]; settings: string }> {
  return worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, no) => {
      const open = indexedDB.open('advocate');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => no(open.error);
    });
    const tx = db.transaction(['referrals', 'meta']);
    const ask = <T>(request: IDBRequest<T>) => new Promise<T>((ok, no) => ((request.onsuccess = () => ok(request.result)), (request.onerror = () => no(request.error))));
    const [referrals, settings] = await Promise.all([ask(tx.objectStore('referrals').count()), ask(tx.objectStore('meta').get('settings'))]);
    db.close();
    const session = await chrome.storage.session.get(null);
    return { referrals, drafts: Object.keys(session).filter((k) => k.startsWith('draft:')), settings: JSON.stringify(settings ?? null) };
  });
}

const enrolled = enrolOnce(() => browser, () => endpoint);

describe('enrolled with the demo vendor, pages attack the content script and the suggestion', () => {
  test('positive control: each payload runs when a page itself turns it into markup', async () => {
    const page = await browser.context.newPage();
    await page.goto(CONTROL);
    const payload = /<img src=x onerror="[^"]+"><svg onload="[^"]+"><\/svg>/.exec(hostile('github-markup.html').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#x27;', "'"))![0];
    await inPage(page, `document.getElementById('scratch').innerHTML = ${JSON.stringify(payload)}`);
    await expect.poll(() => inPage<string[] | null>(page, 'window.__pwned ?? null')).toEqual(expect.arrayContaining([expect.any(String)]));
    await page.close();
  });

  test.each([
    ['GitHub', PAGES.githubMarkup],
    ['Stack Overflow', PAGES.stackoverflowMarkup],
    ['Discourse', PAGES.discourseMarkup],
  ])('%s: script and markup in the title, meta tags, canonical URLs, tags and text are never executed nor shown', async (name, p) => {
    await enrolled();
    const start = tally.violations.length;
    const page = await attack(p.url);
    await checkCard(page, name);
    // The popup shows what the page was detected as: it must not run or render page markup either.
    const tabId = await detectedTabId(browser, p.url);
    const { page: popup } = await openPopup(browser, tabId);
    const popupState = await popup.evaluate(() => ({ pwned: (window as { __pwned?: unknown }).__pwned ?? null, planted: document.querySelectorAll('img[src="x"], svg[onload], script:not([src])').length }));
    if (popupState.pwned || popupState.planted) violation(`${name}: the popup ran or rendered page markup: ${JSON.stringify(popupState)}`);
    await popup.close();
    const payloads = (hostile(p.file).match(/pwned/g) ?? []).length;
    await finish(page, name, payloads);
    expect(since(start)).toEqual([]);
  });

  test('a page that redefines Element, Node, Document, EventTarget, JSON, Array, Object and Promise before anything runs: the isolated world never touches them', async () => {
    await enrolled();
    const start = tally.violations.length;
    const page = await attack(PAGES.prototypes.url);
    await checkCard(page, 'prototypes');
    const report = JSON.parse(await inPage<string>(page, 'window.__report()')) as { calls: Record<string, number>; listeners: string[] };
    if (Object.keys(report.calls).length > 0) violation(`prototypes: redefined builtins were called: ${JSON.stringify(report.calls)}`);
    if (report.listeners.length > 0) violation(`prototypes: listeners went through the page's addEventListener: ${report.listeners.join(', ')}`);
    if (await inPage(page, 'window.__leakedRoots ?? null')) violation('prototypes: a shadow root was attached through the page’s attachShadow');
    await finish(page, 'prototypes');
    expect(since(start)).toEqual([]);
  });

  test('a page that clobbers browser, chrome and document properties with named elements: the suggestion still shows', async () => {
    await enrolled();
    const start = tally.violations.length;
    const page = await attack(PAGES.clobber.url);
    await checkCard(page, 'clobber');
    await finish(page, 'clobber');
    expect(since(start)).toEqual([]);
  });

  test('a page that floods history changes: no URL reported twice, the worker keeps answering, nothing shows for a URL the browser does not show, and another page gets its suggestion at once', async () => {
    await enrolled();
    const start = tally.violations.length;
    const worker = await currentWorker(browser.context);
    await worker.evaluate(() => {
      const heard: string[] = [];
      (globalThis as { floodHeard?: string[] }).floodHeard = heard;
      chrome.runtime.onMessage.addListener((m: { advocate?: number; name?: string; payload?: { url?: string } }) => {
        if (m?.advocate === 1 && m.name === 'page.detected') heard.push(String(m.payload?.url));
      });
    });
    const page = await attack(PAGES.flood.url);
    await expect.poll(() => inPage(page, 'window.__flood.done'), { timeout: 30_000 }).toBe(true);
    // Positive control first: another tab loads a matched page and gets its suggestion, so the
    // worker is answering. (The worker runs the content script when the browser reports the tab's
    // loads and address changes; for the flooded tab the browser lags, tens of seconds here, so
    // whether its script has run and reported yet is up to Chromium.)
    const next = await browser.context.newPage();
    await next.goto(SANE);
    await checkCard(next, 'after the flood');
    await next.close();
    await afterIdle(page);
    const shown = await layers(page);
    // A suggestion may show only for the address the browser itself shows for the tab (it may or
    // may not have caught up with the flood's last URL; the worker decides from the browser's).
    const documentUrl = await inPage<string>(page, 'location.href');
    const browserUrls = await worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://github.com/*' })).map((t) => t.url));
    if (shown.length > 0 && !browserUrls.includes(documentUrl)) violation(`flood: something shows for a URL the browser never confirmed: ${shown[0]!.html.slice(0, 100)}`);
    const urls = await inPage<number>(page, 'window.__flood.urls');
    const heard = await worker.evaluate(() => (globalThis as unknown as { floodHeard: string[] }).floodHeard);
    if (new Set(heard).size !== heard.length) violation('flood: a URL was reported twice');
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('src/options/index.html'));
    if ((await listVendors(options)).vendors.length !== 1) violation('flood: the worker no longer answers vendors.list as before');
    await options.close();
    const attacks = (await pageRecord(page)).attacks;
    console.log(`history flood: ${urls} URLs pushed or replaced, ${heard.length} reported to the worker (one timer at a time in the content script), the worker answering after it`);
    tally.attacks += attacks;
    await page.close();
    expect(since(start)).toEqual([]);
  });

  test('a page that reads into the closed shadow roots and presses their buttons with synthetic events: nothing is read, nothing happens; a real click does create the referral', async () => {
    await enrolled();
    const start = tally.violations.length;
    const worker = await currentWorker(browser.context);
    const page = await attack(PAGES.shadow.url);
    await checkCard(page, 'shadow');
    const before = await workerState(worker);
    await inPage(page, '__attackLayers("card")');
    await inPage(page, '__focusComposer()');
    await waitForLayers(page, 2); // the card and the reply button (focus by script is real focus)
    await inPage(page, '__attackLayers("reply button")');
    await afterIdle(page);
    // Nothing happened: no preview, no draft, no referral, no dismissal or mute, both layers still there.
    if ((await axFind(page, 'dialog', 'Insert a referral link')).length > 0) violation('shadow: a synthetic event opened the reply preview');
    const after = await workerState(worker);
    if (after.referrals !== before.referrals) violation(`shadow: ${after.referrals - before.referrals} referral(s) created without a click`);
    if (after.drafts.length !== before.drafts.length) violation('shadow: a reply draft was prepared without a click');
    if (after.settings !== before.settings) violation('shadow: settings changed without a click (a dismissal or a mute)');
    if ((await layers(page)).length !== 2) violation('shadow: a synthetic event removed a layer');
    // Nothing read: the roots stayed closed, the page's attachShadow was never used, no text came out.
    const reads = await inPage<Record<string, string>[]>(page, 'window.__reads');
    for (const r of reads) {
      if (r.shadowRoot && r.shadowRoot !== 'closed') violation(`shadow: ${r.label}: the shadow root was readable`);
      if (r.attach && r.attach !== 'NotSupportedError') violation(`shadow: ${r.label}: a second root could be attached (${r.attach})`);
      for (const key of ['textContent', 'innerText', 'innerHTML', 'getHTML'] as const) if (r[key]) violation(`shadow: ${r.label}: the page read ${key}: ${r[key]!.slice(0, 80)}`);
      if (r.document && r.document !== 'nothing') violation(`shadow: ${r.label}: the document's HTML holds Advocate's text`);
    }
    if (reads.length === 0) violation('shadow: the attack did not run');
    if ((await inPage<number>(page, 'window.__attachCalls')) !== 0) violation('shadow: the page’s attachShadow was called');
    // Positive control: the practitioner's own clicks (trusted) do prepare, then store the referral.
    await page.locator('textarea.d-editor-input').pressSequentially('Check the replica’s parallel workers first. ');
    await axClick(page, 'button', 'Insert a referral link');
    await axFind(page, 'dialog', 'Insert a referral link');
    await axClick(page, 'button', 'Insert');
    await expect.poll(async () => (await workerState(worker)).referrals, { timeout: 10_000 }).toBe(before.referrals + 1);
    await expect.poll(() => page.locator('textarea.d-editor-input').inputValue()).toContain('paid referral link');
    // What the page saw of those real clicks: the host element, never a node inside the root.
    const paths = await inPage<string[]>(page, 'window.__clickPaths');
    for (const path of paths) if (/#document-fragment|BUTTON|PRE/.test(path.split('>HTML>')[0]!)) violation(`shadow: a click showed the page Advocate's inside: ${path}`);
    await finish(page, 'shadow');
    expect(since(start)).toEqual([]);
  });

  test('a page that probes for Advocate’s files under its real id gets the same failures as under a made-up id, and cannot message it', async () => {
    await enrolled();
    const start = tally.violations.length;
    const page = await attack(PAGES.probe.url);
    await expect.poll(() => inPage(page, 'window.__probe.done'), { timeout: 60_000 }).toBe(true);
    const probe = await inPage<{ real: string[]; fake: string[]; messaging: string[] }>(page, '({ real: __probe.real, fake: __probe.fake, messaging: __probe.messaging })');
    probe.real.forEach((outcome, i) => {
      if (outcome !== probe.fake[i]) violation(`probe: the real id answers otherwise than a made-up one: ${outcome} vs ${probe.fake[i]}`);
      if (/fetched|load(?!ed)|: load/.test(outcome)) violation(`probe: a file of Advocate was readable: ${outcome}`);
    });
    for (const m of probe.messaging) if (/ANSWERED|returned a port/.test(m)) violation(`probe: the page reached Advocate: ${m}`);
    console.log(`probe outcomes (same for the real and a made-up id): ${[...new Set(probe.real)].join(' | ')}; messaging: ${probe.messaging.join(' | ')}`);
    // The envelope it posted enrolled nothing.
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('src/options/index.html'));
    if ((await listVendors(options)).vendors.length !== 1) violation('probe: the vendors changed');
    await options.close();
    await finish(page, 'probe');
    expect(since(start)).toEqual([]);
  });

  test('after every attack: the worker answers and a sane page gets its correct suggestion (positive control)', async () => {
    await enrolled();
    const start = tally.violations.length;
    const page = await browser.context.newPage();
    await page.goto(SANE);
    await checkCard(page, 'sane page');
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('src/options/index.html'));
    expect((await listVendors(options)).vendors).toHaveLength(1);
    await options.close();
    await page.close();
    expect(tally.pages).toBe(Object.keys(PAGES).length);
    expect(since(start)).toEqual([]);
  });
});
