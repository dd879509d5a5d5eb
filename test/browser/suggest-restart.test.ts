// What the practitioner chose sticks across browser restarts (the same profile, relaunched): a
// dismissed suggestion, the global pause, a granted site. A site Advocate does not serve runs no
// content script (the popup reads it after a toolbar click: test/browser/active-tab.test.ts),
// and neither does a page of a served site whose address names nothing in the catalog.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { currentWorker, DIST, launchWithExtension, type ExtensionBrowser } from './chromium';
import { allowSiteAccess, detectedTabId, enrolOnce, openPopup, startTestEndpoint, type TestEndpoint } from './helpers';
import { afterIdle, axClick, layers, waitForLayers } from './in-page';
import { startSiteServer, withTitleTag, type SiteServer } from './site-server';
import { readHtml } from '../../src/cli/page';
import { CONTENT_SCRIPT_MARK } from '../../src/content/script-file';
import { broadRequiredPatterns } from '../unit/background/broad-patterns';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/pages', name), 'utf8');
const ISSUE = 'https://github.com/mysql/mysql-server/issues/1';
const QUESTION = 'https://stackoverflow.com/questions/19267507/why-is-my-innodb-count-slow';
/** A MySQL forum on a host no manifest pattern names (the catalogs name its parent, forums.mysql.com). */
const UNSERVED = 'https://eu.forums.mysql.com/t/replication-lag-after-upgrading-to-8-4/42';
/** A saved real GitHub repository page that no catalog names. */
const SERVED_UNMATCHED = 'https://github.com/microlinkhq/mql';
/** A saved real Stack Overflow question tagged git: its title and tags match nothing in the catalog. */
const SERVED_QUESTION_UNMATCHED = 'https://stackoverflow.com/questions/2003505/how-do-i-delete-a-git-branch-locally-and-remotely';
/** The same page with "mysql" in its title: the title says the tags are worth reading, and they match nothing. */
const SERVED_QUESTION_TITLED_MYSQL = 'https://stackoverflow.com/questions/2003506/how-do-i-delete-a-git-branch-locally-and-remotely';
const HOSTS = ['github.com', 'stackoverflow.com', 'eu.forums.mysql.com'];

let site: SiteServer;
let endpoint: TestEndpoint;
let browser: ExtensionBrowser;
const profile = mkdtempSync(join(tmpdir(), 'advocate-restart-'));

const launch = () => launchWithExtension({ mapHosts: HOSTS, port: site.port, userDataDir: profile });
async function restart() {
  await browser.close();
  browser = await launch();
}

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  site = await startSiteServer();
  site.page('github.com', '/mysql/mysql-server/issues/1', fixture('github-mysql-issue.html'));
  site.page('github.com', '/microlinkhq/mql', readHtml(resolve(import.meta.dirname, '../../../shared/pages/github/repo-root_microlinkhq-mql.html')));
  site.page('stackoverflow.com', '/questions/19267507/why-is-my-innodb-count-slow', fixture('stackoverflow-mysql-question.html'));
  const gitQuestion = readHtml(resolve(import.meta.dirname, '../../../shared/pages/stackoverflow/question_2003505_git-delete-branch.html'));
  site.page('stackoverflow.com', '/questions/2003505/how-do-i-delete-a-git-branch-locally-and-remotely', gitQuestion);
  site.page('stackoverflow.com', '/questions/2003506/how-do-i-delete-a-git-branch-locally-and-remotely', withTitleTag(gitQuestion, 'mysql'));
  site.page('eu.forums.mysql.com', '/t/replication-lag-after-upgrading-to-8-4/42', fixture('discourse-mysql-topic.html').replaceAll('https://forums.mysql.com', 'https://eu.forums.mysql.com'));
  browser = await launch();
  await allowSiteAccess(browser, 'http://127.0.0.1/*');
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await endpoint?.close();
  rmSync(profile, { recursive: true, force: true });
});

/** Enrols once, from inside the first test that needs it. */
const enrolled = enrolOnce(() => browser, () => endpoint);

async function visit(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  return page;
}

/**
 * A page, watched through the DevTools protocol: whether Advocate's content script ran there (its
 * mark in Advocate's isolated world), and whether any extension code did (the world exists: the
 * worker's signal reader creates it too).
 */
async function watched(url: string): Promise<{ ran: () => Promise<boolean>; touched: () => boolean; page: Page }> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const worlds: number[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.origin.includes(browser.extensionId)) worlds.push(context.id);
  });
  await cdp.send('Runtime.enable');
  await page.goto(url, { waitUntil: 'load' });
  const ran = async () => {
    for (const contextId of worlds) {
      const answer = await cdp.send('Runtime.evaluate', { expression: `${JSON.stringify(CONTENT_SCRIPT_MARK)} in globalThis`, contextId }).catch(() => null);
      if (answer?.result.value === true) return true;
    }
    return false;
  };
  return { page, ran, touched: () => worlds.length > 0 };
}

/**
 * Whether the content script ran on each of `urls`, loaded first, then on `control`, a page it
 * must run on: the worker decides in the order pages load, so once the control has its script
 * every page before it has been decided.
 */
async function contentScriptRanOn(urls: string[], control: string): Promise<boolean[]> {
  const pages = [];
  for (const url of urls) pages.push(await watched(url));
  const positive = await watched(control);
  await expect.poll(positive.ran, { timeout: 15_000 }).toBe(true);
  for (const page of pages) await afterIdle(page.page);
  const ran = await Promise.all(pages.map((p) => p.ran()));
  for (const page of [...pages, positive]) await page.page.close();
  return ran;
}

test('the manifest the build wrote to dist/ declares no broad pattern', () => {
  const built = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
  expect(broadRequiredPatterns(built)).toEqual([]);
  expect(built.host_permissions).toContain('https://forums.mysql.com/*');
  expect(built.content_scripts).toBeUndefined(); // the worker runs it where a page may match
});

test('a dismissed suggestion stays dismissed after a restart; other sites still suggest', async () => {
  await enrolled();
  const issue = await visit(ISSUE);
  await waitForLayers(issue, 1);
  await axClick(issue, 'button', 'Dismiss this suggestion');
  await waitForLayers(issue, 0);
  await restart();
  const again = await visit(ISSUE);
  await detectedTabId(browser, ISSUE);
  await afterIdle(again);
  expect(await layers(again)).toEqual([]);
  const question = await visit(QUESTION); // positive control: not a pause, not a broken script
  await waitForLayers(question, 1);
});

test('the popup’s pause stays on after a restart: no suggestion, and the toolbar says so', async () => {
  await enrolled();
  const question = await visit(QUESTION);
  await waitForLayers(question, 1);
  const { page: popup } = await openPopup(browser, await detectedTabId(browser, QUESTION));
  await popup.getByRole('button', { name: 'Pause suggestions' }).click();
  await popup.getByText('Suggestions are paused').waitFor();
  await popup.close();
  await restart();
  const again = await visit(QUESTION);
  const tabId = await detectedTabId(browser, QUESTION);
  await afterIdle(again);
  expect(await layers(again)).toEqual([]);
  const worker = await currentWorker(browser.context);
  await expect.poll(() => worker.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId)).toBe('Advocate: suggestions are paused');
  const { page: popup2 } = await openPopup(browser, tabId);
  await popup2.getByRole('button', { name: 'Resume suggestions' }).click();
  await popup2.getByRole('button', { name: 'Pause suggestions' }).waitFor();
  await popup2.close();
});

test('a site Advocate does not serve gets no content script, before and after a restart', async () => {
  await enrolled();
  expect(await contentScriptRanOn([UNSERVED], QUESTION)).toEqual([false]);
  await restart();
  expect(await contentScriptRanOn([UNSERVED], QUESTION)).toEqual([false]);
});

test('a page of a served site about nothing in the catalog gets no content script; one about a product does', async () => {
  await enrolled();
  expect(await contentScriptRanOn([SERVED_UNMATCHED], ISSUE)).toEqual([false]);
});

test('a question whose title names no catalog tag is not touched; one whose title does gets its tags read, and they decide', async () => {
  await enrolled();
  const untitled = await watched(SERVED_QUESTION_UNMATCHED);
  const titled = await watched(SERVED_QUESTION_TITLED_MYSQL);
  // Positive control: a question tagged mysql, loaded after them in another tab, gets the script.
  expect(await contentScriptRanOn([], QUESTION)).toEqual([]);
  await expect.poll(titled.touched, { timeout: 10_000 }).toBe(true); // the signal reader ran there
  expect(await titled.ran()).toBe(false); // its tags (git…) match nothing
  expect(untitled.touched()).toBe(false); // decided before the control: no extension code ever ran there
  const worker = await currentWorker(browser.context);
  const reports = await worker.evaluate(async () => Object.values(await chrome.storage.session.get(null)).map((page) => (page as { url?: string } | null)?.url));
  expect(reports).not.toContain(SERVED_QUESTION_UNMATCHED);
  expect(reports).not.toContain(SERVED_QUESTION_TITLED_MYSQL);
  await untitled.page.close();
  await titled.page.close();
});

test('a granted site gets suggestions, after a restart too', async () => {
  await enrolled();
  // The popup's "Suggest on this site" asks the browser, whose prompt headless Chromium cannot
  // answer: the site is allowed first as chrome://extensions allows it (the request then resolves
  // at once), then the popup's request and command follow, as on its button.
  await allowSiteAccess(browser, 'https://eu.forums.mysql.com/*');
  await visit(ISSUE);
  const { page: popup } = await openPopup(browser, await detectedTabId(browser, ISSUE));
  const granted = await popup.evaluate(async () => {
    if (!(await chrome.permissions.request({ origins: ['https://eu.forums.mysql.com/*'] }))) return 'the browser refused';
    return chrome.runtime.sendMessage({ advocate: 1, name: 'sites.grant', payload: { host: 'eu.forums.mysql.com' } });
  });
  expect(granted).toMatchObject({ ok: true, value: [{ host: 'eu.forums.mysql.com' }] });
  await popup.close();
  const forum = await visit(UNSERVED);
  await waitForLayers(forum, 1);
  await restart();
  const again = await visit(UNSERVED);
  await waitForLayers(again, 1);
});
