// What the practitioner chose sticks across browser restarts (the same profile, relaunched): a
// dismissed suggestion and the global pause. A site Advocate does not serve runs no content
// script (the popup reads it after a toolbar click: test/browser/active-tab.test.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { currentWorker, DIST, launchWithExtension, type ExtensionBrowser } from './chromium';
import { allowSiteAccess, detectedTabId, enrolOnce, openPopup, startTestEndpoint, type TestEndpoint } from './helpers';
import { afterIdle, axClick, layers, waitForLayers } from './in-page';
import { startSiteServer, type SiteServer } from './site-server';
import { broadRequiredPatterns } from '../unit/background/broad-patterns';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/pages', name), 'utf8');
const ISSUE = 'https://github.com/mysql/mysql-server/issues/1';
const QUESTION = 'https://stackoverflow.com/questions/19267507/why-is-my-innodb-count-slow';
/** A MySQL forum on a host no manifest pattern names (the catalogs name its parent, forums.mysql.com). */
const UNSERVED = 'https://eu.forums.mysql.com/t/replication-lag-after-upgrading-to-8-4/42';
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
  site.page('stackoverflow.com', '/questions/19267507/why-is-my-innodb-count-slow', fixture('stackoverflow-mysql-question.html'));
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

/** Whether Advocate's content script ran in the page (its isolated world, seen through the DevTools protocol). */
async function contentScriptRan(url: string): Promise<boolean> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const worlds: string[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => void worlds.push(context.origin));
  await cdp.send('Runtime.enable');
  await page.goto(url, { waitUntil: 'load' });
  await afterIdle(page);
  await page.close();
  return worlds.some((origin) => origin.includes(browser.extensionId));
}

test('the manifest the build wrote to dist/ declares no broad pattern', () => {
  const built = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
  expect(broadRequiredPatterns(built)).toEqual([]);
  expect(built.content_scripts[0].matches).toContain('https://forums.mysql.com/*');
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
  expect(await contentScriptRan(QUESTION)).toBe(true); // positive control: a served site
  expect(await contentScriptRan(UNSERVED)).toBe(false);
  await restart();
  expect(await contentScriptRan(QUESTION)).toBe(true);
  expect(await contentScriptRan(UNSERVED)).toBe(false);
});
