// Privacy run: fifty pages (matched and unmatched project pages, forums, Stack Overflow and
// Reddit, soft navigations) browsed enrolled with the test endpoint, three referrals made from
// reply boxes with the page-URL setting on "full", "host" and "none", then a sync. Every request
// the extension's worker made (its fetch, WebSocket, EventSource and sendBeacon, recorded inside
// the worker; the pages' own requests are not the extension's and are left out) must go to the
// enrolled endpoint, carry only enrolment, referral, deal and stats fields (an allow-list from
// the protocol's schemas), and name no visited URL or host except what the practitioner chose to
// share with each referral.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DealSchema } from '../../src/core/referral/deal';
import { ReferralSchema } from '../../src/core/referral/referral';
import { currentWorker, launchWithExtension, type ExtensionBrowser } from './chromium';
import { allowSiteAccess, detectedTabId, enrolThroughOptions, openPopup, startTestEndpoint, type TestEndpoint } from './helpers';
import { afterIdle, axClick, axFind } from './in-page';
import { startSiteServer, type SiteServer } from './site-server';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/pages', name), 'utf8');
const GH_ISSUE = fixture('github-mysql-issue.html');
const GH_REPO = fixture('github-mysql-server.html');
const SO = fixture('stackoverflow-mysql-question.html');
const DISCOURSE = fixture('discourse-mysql-topic.html');
const REDDIT = fixture('reddit-postgresql-post.html');

/** [url, html]: the pages loaded (40); ten soft navigations come on top. */
function pages(): [string, string][] {
  const list: [string, string][] = [];
  for (let n = 1; n <= 8; n++) list.push([`https://github.com/mysql/mysql-server/issues/${n}`, GH_ISSUE.replaceAll('/issues/1', `/issues/${n}`)]);
  for (const repo of ['mysql/mysql-server', 'postgres/postgres', 'octocat/hello-world', 'torvalds/linux', 'rust-lang/rust']) list.push([`https://github.com/${repo}`, GH_REPO.replaceAll('mysql/mysql-server', repo).replaceAll('mysql-server', repo.split('/')[1]!)]);
  for (const path of ['/settings', '/features/actions', '/pricing']) list.push([`https://github.com${path}`, '<!doctype html><title>GitHub</title><h1>Not a repository</h1>']);
  for (let n = 0; n < 7; n++) list.push([`https://stackoverflow.com/questions/${19267507 + n}/why-is-my-innodb-count-slow`, SO.replaceAll('19267507', String(19267507 + n))]);
  for (let n = 0; n < 3; n++) list.push([`https://stackoverflow.com/questions/${5000000 + n}/pandas-merge`, SO.replaceAll('19267507', String(5000000 + n)).replaceAll('>mysql<', '>python<').replaceAll('>innodb<', '>pandas<').replaceAll('tagged/mysql', 'tagged/python').replaceAll('why-is-my-innodb-count-slow', 'pandas-merge')]);
  for (let n = 42; n < 50; n++) list.push([`https://forums.mysql.com/t/replication-lag-after-upgrading-to-8-4/${n}`, DISCOURSE.replaceAll('/42', `/${n}`)]);
  for (const id of ['1q2w3e', '2w3e4r', '3e4r5t', '4r5t6y']) list.push([`https://www.reddit.com/r/PostgreSQL/comments/${id}/vacuum_keeps_running_on_a_quiet_table/`, REDDIT.replaceAll('1q2w3e', id)]);
  for (const id of ['9z8y7x', '8y7x6w']) list.push([`https://www.reddit.com/r/aww/comments/${id}/a_cat/`, REDDIT.replaceAll('r/PostgreSQL', 'r/aww').replaceAll('1q2w3e', id).replaceAll('vacuum_keeps_running_on_a_quiet_table', 'a_cat')]);
  return list;
}
const PAGES = pages();
const SOFT: [string, string][] = [
  ['https://github.com/mysql/mysql-server', '/postgres/postgres'],
  ['https://github.com/postgres/postgres', '/mysql/mysql-server/issues/77'],
  ['https://github.com/octocat/hello-world', '/octocat/hello-world/issues/3'],
  ['https://github.com/torvalds/linux', '/torvalds/linux/pulls'],
  ['https://github.com/rust-lang/rust', '/mysql/mysql-server'],
  ['https://forums.mysql.com/t/replication-lag-after-upgrading-to-8-4/43', '/t/binlog-question/90'],
  ['https://forums.mysql.com/t/replication-lag-after-upgrading-to-8-4/44', '/t/slow-query/91'],
  ['https://stackoverflow.com/questions/19267508/why-is-my-innodb-count-slow', '/questions/19267599/another-question'],
  ['https://www.reddit.com/r/PostgreSQL/comments/2w3e4r/vacuum_keeps_running_on_a_quiet_table/', '/r/PostgreSQL/comments/5t6y7u/another_post/'],
  ['https://www.reddit.com/r/aww/comments/9z8y7x/a_cat/', '/r/aww/comments/7x6w5v/another_cat/'],
];
/** The reply-box referrals: where, with which page-URL setting. */
const REFERRALS = [
  { url: 'https://github.com/mysql/mysql-server/issues/1', share: 'full', box: 'textarea[name="comment[body]"]' },
  { url: 'https://github.com/mysql/mysql-server/issues/2', share: 'host', box: 'textarea[name="comment[body]"]' },
  { url: 'https://forums.mysql.com/t/replication-lag-after-upgrading-to-8-4/42', share: 'none', box: 'textarea.d-editor-input' },
] as const;

let site: SiteServer;
let endpoint: TestEndpoint;
let browser: ExtensionBrowser;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  site = await startSiteServer();
  for (const [url, html] of PAGES) site.page(new URL(url).host, new URL(url).pathname, html);
  browser = await launchWithExtension({ mapHosts: ['github.com', 'stackoverflow.com', 'forums.mysql.com', 'www.reddit.com'], port: site.port });
  await allowSiteAccess(browser, 'http://127.0.0.1/*');
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await endpoint?.close();
});

interface Sent { api: string; url: string; method: string; body: string | null }

/** Records, inside the worker, every request it starts (fetch is looked up at each call). */
async function recordWorkerRequests(): Promise<() => Promise<Sent[]>> {
  const worker = await currentWorker(browser.context);
  await worker.evaluate(() => {
    const sent: Sent[] = [];
    const g = globalThis as unknown as Record<string, unknown> & { __sent: Sent[] };
    g.__sent = sent;
    const original = fetch;
    g.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push({ api: 'fetch', url: String(input instanceof Request ? input.url : input), method: init?.method ?? 'GET', body: typeof init?.body === 'string' ? init.body : init?.body == null ? null : `(${typeof init.body})` });
      return original(input, init);
    };
    for (const api of ['WebSocket', 'EventSource']) {
      const Original = g[api] as (new (...a: unknown[]) => unknown) | undefined;
      if (Original) g[api] = function (url: unknown) {
        sent.push({ api, url: String(url), method: 'GET', body: null });
        return new Original(url);
      };
    }
    const nav = navigator as unknown as { sendBeacon?: (url: string, body?: unknown) => boolean };
    if (nav.sendBeacon) {
      const beacon = nav.sendBeacon.bind(navigator);
      nav.sendBeacon = (url, body) => (sent.push({ api: 'sendBeacon', url, method: 'POST', body: String(body) }), beacon(url, body));
    }
  });
  return async () => {
    const now = await currentWorker(browser.context);
    const sent = await now.evaluate(() => (globalThis as unknown as { __sent?: Sent[] }).__sent ?? null);
    if (sent === null) throw new Error('The worker restarted during the run: its requests since are not recorded.');
    return sent;
  };
}

async function setShare(options: Page, share: string): Promise<void> {
  const answer = await options.evaluate((sharePageUrl) => chrome.runtime.sendMessage({ advocate: 1, name: 'settings.set', payload: { sharePageUrl } }), share);
  expect(answer).toMatchObject({ ok: true });
}

function storedReferrals(): { page_url: string | null; page_host: string | null }[] {
  const db = new Database(join(endpoint.dataDir, 'advocate.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT page_url, page_host FROM referrals').all() as never;
  } finally {
    db.close();
  }
}

test('fifty pages, three referrals: the extension’s only requests go to the enrolled endpoint with allowed fields and no unshared visited URL', async () => {
  const sent = await recordWorkerRequests();
  const options = await enrolThroughOptions(browser, endpoint.url, await endpoint.newPractitioner([{ productId: 'mysql', level: 'professional' }]));
  const visited: string[] = [];
  for (const [url] of PAGES) {
    const page = await browser.context.newPage();
    await page.goto(url);
    visited.push(url);
    const soft = SOFT.find(([from]) => from === url);
    if (soft) {
      await afterIdle(page);
      await page.evaluate((path) => {
        history.pushState({}, '', path);
        dispatchEvent(new PopStateEvent('popstate'));
      }, soft[1]);
      visited.push(new URL(soft[1], url).href);
      await page.waitForTimeout(400); // the content script looks 300 ms after the navigation
    }
    const referral = REFERRALS.find((r) => r.url === url);
    if (referral) {
      await setShare(options, referral.share);
      await detectedTabId(browser, url);
      const box = page.locator(referral.box);
      await box.click();
      await box.pressSequentially('Check the slow query log first. ');
      await axClick(page, 'button', 'Insert a referral link');
      await axFind(page, 'dialog', 'Insert a referral link');
      await axClick(page, 'button', 'Insert');
      await expect.poll(() => box.inputValue()).toContain('paid referral link');
    } else {
      await afterIdle(page);
    }
    await page.close();
  }
  expect(visited).toHaveLength(50);
  // Deliver now (the popup's "Sync now"), and wait until the endpoint has the three.
  const { page: popup } = await openPopup(browser, 0);
  await popup.evaluate(() => chrome.runtime.sendMessage({ advocate: 1, name: 'sync.now', payload: {} }));
  await expect.poll(() => storedReferrals().length, { timeout: 20_000 }).toBe(REFERRALS.length);
  await popup.close();
  await options.close();

  // chrome.action.setIcon({ path }) reads the icons from the package through the worker's fetch
  // (relative URLs): the extension's own files, no network. Counted apart, checked to be only that.
  const own = browser.extensionUrl('');
  const recorded = (await sent()).map((r) => ({ ...r, url: new URL(r.url, own).href }));
  const packaged = recorded.filter((r) => r.url.startsWith(own));
  for (const r of packaged) expect(r.url, 'a packaged file read by the worker').toMatch(/\/icons\/[\w-]+\.png$/);
  const requests = recorded.filter((r) => !r.url.startsWith(own));
  const allowed = {
    enrol: new Set(['code', 'client']),
    referral: new Set(Object.keys(ReferralSchema.entries)),
    deal: new Set(Object.keys(DealSchema.entries)),
  };
  const violations: string[] = [];
  const shared = { full: REFERRALS[0].url, host: new URL(REFERRALS[1].url).host };
  const referralItems: Record<string, unknown>[] = [];
  for (const r of requests) {
    const where = `${r.api} ${r.method} ${r.url}`;
    if (r.api !== 'fetch') violations.push(`${where}: not a fetch`);
    if (!r.url.startsWith(`${endpoint.url}/v1/`)) violations.push(`${where}: not the enrolled endpoint`);
    const path = new URL(r.url).pathname;
    if (new URL(r.url).search) violations.push(`${where}: a query string`);
    if (r.body !== null) {
      const body = JSON.parse(r.body) as Record<string, unknown>;
      const keys = Object.keys(body);
      if (path === '/v1/enrol') {
        for (const k of keys) if (!allowed.enrol.has(k)) violations.push(`${where}: field ${k}`);
      } else if (path === '/v1/referrals' || path === '/v1/deals') {
        const field = path === '/v1/referrals' ? 'referrals' : 'deals';
        if (keys.join() !== field) violations.push(`${where}: fields ${keys.join(', ')}`);
        for (const item of body[field] as Record<string, unknown>[]) {
          for (const k of Object.keys(item)) if (!allowed[field === 'referrals' ? 'referral' : 'deal'].has(k)) violations.push(`${where}: item field ${k}`);
          if (field === 'referrals') referralItems.push(item);
        }
      } else violations.push(`${where}: a body on a route that takes none`);
    }
    // No visited URL or host, but what the practitioner chose to share with a referral.
    const text = `${r.url} ${(r.body ?? '').replaceAll(JSON.stringify(shared.full).slice(1, -1), '').replaceAll(`"pageHost":"${shared.host}"`, '')}`;
    for (const url of visited) {
      const u = new URL(url);
      if (text.includes(u.host) || text.includes(u.pathname.length > 1 ? u.pathname : '\u0000')) violations.push(`${where}: names the visited ${url}`);
    }
  }
  // Each referral carries exactly what its setting allowed.
  const byShare = referralItems.map((i) => ({ pageUrl: i.pageUrl ?? null, pageHost: i.pageHost ?? null }));
  expect(byShare).toEqual(expect.arrayContaining([{ pageUrl: shared.full, pageHost: shared.host }, { pageUrl: null, pageHost: shared.host }, { pageUrl: null, pageHost: null }]));
  expect(storedReferrals()).toEqual(expect.arrayContaining([{ page_url: shared.full, page_host: expect.anything() }, { page_url: null, page_host: shared.host }, { page_url: null, page_host: null }]));
  // Positive control: the recorder saw the enrolment and the referrals go out, and the search finds the one shared URL in the raw bodies.
  expect(requests.filter((r) => (r.body ?? '').includes(shared.full))).toHaveLength(1);
  const routes = [...new Set(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`))].sort();
  expect(routes).toEqual(expect.arrayContaining(['POST /v1/enrol', 'POST /v1/referrals']));
  console.log(`privacy run: ${visited.length} pages (${PAGES.length} loads, ${SOFT.length} soft navigations), ${REFERRALS.length} referrals (page URL full, host, none), ${requests.length} requests by the extension (${routes.join(', ')}; besides, ${packaged.length} reads of its own icon files by setIcon), violations: ${violations.length}`);
  expect(violations).toEqual([]);
});
