// No secret reaches a page: a full browsing run (enrolled with the test endpoint; GitHub, Stack
// Overflow, Discourse and Reddit pages; soft navigations; the suggestion; the reply button's
// preview and Insert; the context menu's preview) records every answer the worker gives the
// content script (inside the content script's own world, where they arrive), what
// that world can read of extension storage, and the DOM of every page including the closed
// shadow roots. None may hold a vendor token, the referral secret (in any encoding), the
// endpoint's admin token, webhook secret or data key, the practitioner's e-mail address, or
// another vendor's id or name. Positive control: the recording does hold the expected offer
// for each page and the inserted link, and the search finds the secrets where they are kept.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CONTENT_SCRIPT_MARK } from '../../src/content/script-file';
import { currentWorker, launchWithExtension, type ExtensionBrowser } from './chromium';
import { allowSiteAccess, detectedTabId, enrolThroughOptions, startTestEndpoint, type TestEndpoint } from './helpers';
import { axClick, axFind, waitForLayers } from './in-page';
import { startSiteServer, type SiteServer } from './site-server';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/pages', name), 'utf8');
const STARTER = resolve(import.meta.dirname, '../../src/core/catalog/starter');

const PAGES = [
  { url: 'https://github.com/mysql/mysql-server/issues/1', file: 'github-mysql-issue.html', offer: 'MySQL Enterprise Support', box: 'textarea[name="comment[body]"]', insert: true },
  { url: 'https://stackoverflow.com/questions/19267507/why-is-my-innodb-count-slow', file: 'stackoverflow-mysql-question.html', offer: 'MySQL Enterprise Support', box: '#wmd-input', insert: false },
  { url: 'https://forums.mysql.com/t/replication-lag-after-upgrading-to-8-4/42', file: 'discourse-mysql-topic.html', offer: 'MySQL Enterprise Support', box: 'textarea.d-editor-input', insert: true },
  { url: 'https://www.reddit.com/r/PostgreSQL/comments/1q2w3e/vacuum_keeps_running_on_a_quiet_table/', file: 'reddit-postgresql-post.html', offer: 'PostgreSQL Production Support', box: '[role="textbox"][contenteditable="true"]', insert: false },
  { url: 'https://github.com/mysql/mysql-server', file: 'github-mysql-server.html', offer: 'MySQL Enterprise Support', box: null, insert: false },
] as const;
const UNMATCHED = 'https://github.com/settings';

let site: SiteServer;
let endpoint: TestEndpoint;
let browser: ExtensionBrowser;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  site = await startSiteServer();
  for (const p of PAGES) site.page(new URL(p.url).host, new URL(p.url).pathname, fixture(p.file));
  site.page('github.com', '/postgres/postgres', fixture('github-mysql-server.html').replaceAll('mysql/mysql-server', 'postgres/postgres').replaceAll('mysql-server', 'postgres'));
  site.page('github.com', '/settings', '<!doctype html><title>Settings</title><h1>Settings</h1>');
  browser = await launchWithExtension({ mapHosts: [...new Set(PAGES.map((p) => new URL(p.url).host))], port: site.port });
  await allowSiteAccess(browser, 'http://127.0.0.1/*');
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await endpoint?.close();
});

/** Evaluates in Advocate's content-script world of the page (the isolated world the extension made). */
async function inContentWorld<T>(page: Page, expression: string): Promise<T> {
  const session = await page.context().newCDPSession(page);
  const contexts: { id: number; auxData?: { type?: string; frameId?: string }; origin?: string }[] = [];
  session.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
  await session.send('Runtime.enable');
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin?.startsWith('chrome-extension://'));
  if (!world) throw new Error(`no content-script world in ${page.url()}`);
  const { result, exceptionDetails } = (await session.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true, awaitPromise: true })) as { result: { value?: T }; exceptionDetails?: { exception?: { description?: string }; text: string } };
  await session.detach();
  if (exceptionDetails) throw new Error(`in the content script's world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value as T;
}

/**
 * Records, inside the content script's world, everything the worker gives it: the answers to its
 * calls (they go through chrome.runtime.sendMessage, looked up at each call), the answers the
 * worker hands it with scripting.executeScript and the worker's calls on its handle (the context
 * menu's preview; both through the handle the script leaves in its world, src/content/script-file.ts).
 */
const RECORD = `(() => {
  if (globalThis.__recorded) return 'already';
  const recorded = (globalThis.__recorded = []);
  const original = chrome.runtime.sendMessage.bind(chrome.runtime);
  chrome.runtime.sendMessage = (...args) => original(...args).then((answer) => (recorded.push({ kind: 'answer', sent: args[0], answer }), answer));
  const handle = globalThis.${CONTENT_SCRIPT_MARK};
  if (typeof handle?.inspect !== 'function') return 'no content script';
  const { inspect, openReply } = handle;
  handle.inspect = (answer) => (recorded.push({ kind: 'handed', answer }), inspect(answer));
  handle.openReply = () => (recorded.push({ kind: 'menu' }), openReply());
  return 'recording';
})()`;

/** The worker's answers for the page, whichever way they came: handed over, or as the answer to page.detected. */
const viewsIn = (records: Record<string, unknown>[]) =>
  records.flatMap((r) => {
    const record = r as { kind: string; sent?: { name?: string }; answer?: { view?: unknown; value?: unknown } };
    if (record.kind === 'handed') return [record.answer?.view];
    return record.kind === 'answer' && record.sent?.name === 'page.detected' ? [record.answer?.value] : [];
  }) as ({ suggestion?: { offerName: string; vendorName: string } | null } | undefined)[];

/** The whole DOM, closed shadow roots included (DOM.getOuterHTML of a pierced document does not include them; their roots do). */
async function fullDom(page: Page): Promise<string> {
  const session: CDPSession = await page.context().newCDPSession(page);
  interface Node { nodeId: number; nodeName: string; children?: Node[]; shadowRoots?: Node[] }
  const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
  const parts: string[] = [];
  const walk = async (n: Node) => {
    if (n.nodeName === 'HTML') parts.push(((await session.send('DOM.getOuterHTML', { nodeId: n.nodeId })) as { outerHTML: string }).outerHTML);
    for (const s of n.shadowRoots ?? []) for (const c of s.children ?? []) parts.push(((await session.send('DOM.getOuterHTML', { nodeId: c.nodeId })) as { outerHTML: string }).outerHTML);
    for (const c of n.children ?? []) await walk(c);
  };
  await walk(root);
  await session.detach();
  return parts.join('\n');
}

test('a full browsing run: no token, secret or other vendor’s data reaches a content script or a page; the expected offers do', async () => {
  const options = await enrolThroughOptions(browser, endpoint.url, await endpoint.newPractitioner([{ productId: 'mysql', level: 'professional' }]));
  await options.close();
  const worker = await currentWorker(browser.context);

  const recordings: unknown[] = [];
  const doms: string[] = [];
  const contentStorage: unknown[] = [];
  const offers: ({ offerName: string; vendorName: string } | null | undefined)[] = [];
  let soft = 0;
  for (const p of PAGES) {
    const page = await browser.context.newPage();
    await page.goto(p.url);
    await waitForLayers(page, 1);
    expect(await inContentWorld(page, RECORD)).toBe('recording');
    // A soft navigation first (the reply then works on the new URL, though the browser's sender URL
    // lags it): the worker hands the content script its answer for the new URL, or the script asks
    // first (its own navigation timer); either way through the recorder.
    await page.evaluate((next) => {
      history.pushState({}, '', next);
      dispatchEvent(new PopStateEvent('popstate'));
    }, `${new URL(p.url).pathname}?tab=1`);
    await expect.poll(async () => viewsIn(await inContentWorld(page, '__recorded')).length, { timeout: 10_000 }).toBeGreaterThan(0);
    offers.push(viewsIn(await inContentWorld(page, '__recorded'))[0]?.suggestion);
    soft += 1;
    await waitForLayers(page, 1);
    if (p.box) {
      const box = page.locator(p.box);
      await box.click();
      if (p.insert) await box.pressSequentially('Look at the slow query log first. ');
      await axClick(page, 'button', 'Insert a referral link');
      await axFind(page, 'dialog', 'Insert a referral link');
      if (p.insert) {
        await axClick(page, 'button', 'Insert');
        await expect.poll(() => (p.box!.startsWith('textarea') ? box.inputValue() : box.innerText())).toContain('paid referral link');
      }
      // The context menu's "Insert a referral link": the worker calls the content script's handle.
      const tabId = await detectedTabId(browser, page.url());
      await worker.evaluate(([id, url]) => (chrome.contextMenus.onClicked as unknown as { dispatch(info: object, tab: object): void }).dispatch({ menuItemId: 'advocate-insert-referral', editable: true, pageUrl: url, frameId: 0 }, { id }), [tabId, page.url()] as const);
      await expect.poll(async () => (await inContentWorld<{ kind: string }[]>(page, '__recorded')).some((r) => r.kind === 'menu'), { timeout: 10_000 }).toBe(true);
      await axFind(page, 'dialog', 'Insert a referral link');
    }
    recordings.push(...(await inContentWorld<unknown[]>(page, '__recorded')));
    // What a content script can read of extension storage: storage.local (the granted sites' list); session is refused.
    contentStorage.push(await inContentWorld(page, `Promise.all([chrome.storage.local.get(null), chrome.storage.session.get(null).then((s) => ({ SESSION_READABLE: s }), (e) => 'session refused: ' + e.message)])`));
    doms.push(await fullDom(page));
    await page.close();
  }
  const unmatched = await browser.context.newPage();
  await unmatched.goto(UNMATCHED);
  doms.push(await fullDom(unmatched));
  await unmatched.close();

  // The secrets, from where they live: the worker's IndexedDB, and the endpoint's DATA_DIR.
  const stored = await worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, no) => {
      const open = indexedDB.open('advocate');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => no(open.error);
    });
    const all = (store: string) => new Promise<unknown[]>((ok, no) => {
      const request = db.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => ok(request.result);
      request.onerror = () => no(request.error);
    });
    const [secrets, vendors] = await Promise.all([all('secrets'), all('vendors')]);
    db.close();
    return { secrets: secrets as { accessToken: string; referralSecret: string }[], vendors: vendors as { practitioner: { email?: string } }[] };
  });
  expect(stored.secrets).toHaveLength(1);
  const [{ accessToken, referralSecret }] = stored.secrets as [{ accessToken: string; referralSecret: string }];
  const secretBytes = Buffer.from(referralSecret, 'base64url');
  const endpointFiles = readdirSync(endpoint.dataDir).filter((f) => ['admin-token', 'webhook-secret', 'data-key'].includes(f));
  expect(endpointFiles.sort()).toEqual(['admin-token', 'data-key', 'webhook-secret']);
  const secrets: Record<string, string> = {
    'access token': accessToken,
    'referral secret (base64url)': referralSecret,
    'referral secret (base64)': secretBytes.toString('base64').replace(/=+$/, ''),
    'referral secret (hex)': secretBytes.toString('hex'),
    ...Object.fromEntries(endpointFiles.map((f) => [f, readFileSync(join(endpoint.dataDir, f), 'utf8').trim()])),
    'practitioner e-mail': stored.vendors[0]!.practitioner.email ?? 'pat1@practitioner.example.org',
  };
  for (const [name, value] of Object.entries(secrets)) expect(value.length, name).toBeGreaterThanOrEqual(12);
  // Every other vendor of the starter catalog: none of its ids or names may reach a content script.
  const others = readdirSync(STARTER).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(STARTER, f), 'utf8')) as { id: string; name: string }).filter((v) => v.id !== 'demo');
  expect(others.length).toBeGreaterThan(10);

  const heard = JSON.stringify(recordings);
  const pages = doms.join('\n');
  const storage = JSON.stringify(contentStorage);
  const found = (haystack: string, needle: string) => haystack.toLowerCase().includes(needle.toLowerCase());
  // Positive control for the search: it finds the secrets where they are kept.
  expect(Object.entries(secrets).filter(([, v]) => !found(JSON.stringify(stored) + Object.values(secrets).join(' '), v))).toEqual([]);
  const violations: string[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    if (found(heard, value)) violations.push(`${name} in a message to a content script`);
    if (found(pages, value)) violations.push(`${name} in a page's DOM`);
    if (found(storage, value)) violations.push(`${name} in storage a content script can read`);
  }
  for (const vendor of others) {
    if (heard.includes(`"${vendor.id}"`) || found(heard, vendor.name)) violations.push(`another vendor (${vendor.name}) in a message to a content script`);
  }
  if (storage.includes('SESSION_READABLE')) violations.push('a content script can read storage.session');

  // Positive control: the recording holds each page's offer, from the enrolled vendor only, and the inserted links.
  const answers = recordings.filter((r): r is { kind: 'answer'; sent: { name: string }; answer: { ok: boolean; value?: { suggestion?: { offerName: string; vendorName: string } | null; text?: string } } } => (r as { kind: string }).kind === 'answer');
  expect(offers.map((o) => o?.offerName)).toEqual(PAGES.map((p) => p.offer));
  expect(new Set(offers.map((o) => o?.vendorName))).toEqual(new Set(['Demo Database Co.']));
  const inserted = answers.filter((a) => a.sent.name === 'reply.insert' && a.answer.ok).map((a) => a.answer.value!.text!);
  expect(inserted).toHaveLength(PAGES.filter((p) => p.insert).length);
  for (const text of inserted) expect(text).toContain(`${endpoint.url}/r/`);
  const kinds = (kind: string) => recordings.filter((r) => (r as { kind: string }).kind === kind).length;
  expect(kinds('menu')).toBe(PAGES.filter((p) => p.box).length);
  const names = [...new Set(answers.map((a) => a.sent.name))].sort();
  console.log(`no secret reaches a page: ${PAGES.length + 1} pages, ${soft} soft navigations, ${answers.length} answers (${names.join(', ')}), ${kinds('handed')} handed answers and ${kinds('menu')} menu calls recorded in the content script's world, ${Object.keys(secrets).length} secrets and ${others.length} other vendors searched for, violations: ${violations.length}`);
  expect(violations).toEqual([]);
});
