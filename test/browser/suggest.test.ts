// Suggestions where practitioners work, on pages served locally under their real host names
// (fixtures reproducing GitHub, Stack Overflow, Discourse and Reddit markup, dated at their top):
// nothing in the page before enrolment; after it, the suggestion in a closed shadow root after
// idle, in a free corner, without layout shift, following the page's theme; the reply button
// inserting exactly the previewed link and disclosure (refused where the rule forbids a
// link-only answer; copied where the box will not take it, as from the context menu); soft
// navigation re-detecting and cleaning up; the page's own links byte-identical throughout.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { currentWorker, launchWithExtension, type ExtensionBrowser } from './chromium';
import { allowSiteAccess, detectedTabId, enrolOnce, screenshot, startTestEndpoint, type TestEndpoint } from './helpers';
import { afterIdle, axClick, axFind, layers, pageLinks, waitForLayers } from './in-page';
import { startSiteServer, type SiteServer } from './site-server';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/pages', name), 'utf8');

const SITES = {
  github: { url: 'https://github.com/mysql/mysql-server/issues/1', file: 'github-mysql-issue.html', offer: 'MySQL Enterprise Support' },
  stackoverflow: { url: 'https://stackoverflow.com/questions/19267507/why-is-my-innodb-count-slow', file: 'stackoverflow-mysql-question.html', offer: 'MySQL Enterprise Support' },
  discourse: { url: 'https://forums.mysql.com/t/replication-lag-after-upgrading-to-8-4/42', file: 'discourse-mysql-topic.html', offer: 'MySQL Enterprise Support' },
  reddit: { url: 'https://www.reddit.com/r/PostgreSQL/comments/1q2w3e/vacuum_keeps_running_on_a_quiet_table/', file: 'reddit-postgresql-post.html', offer: 'PostgreSQL Production Support' },
} as const;
const IFRAME_EDITOR = 'https://forums.mysql.com/t/editor-in-a-frame/43';

let site: SiteServer;
let endpoint: TestEndpoint;
let browser: ExtensionBrowser;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  site = await startSiteServer();
  for (const s of Object.values(SITES)) site.page(new URL(s.url).host, new URL(s.url).pathname, fixture(s.file));
  site.page('github.com', '/mysql/mysql-server', fixture('github-mysql-server.html'));
  site.page('github.com', '/postgres/postgres', fixture('github-mysql-server.html').replaceAll('mysql/mysql-server', 'postgres/postgres').replaceAll('mysql-server', 'postgres'));
  site.page('github.com', '/settings', '<!doctype html><title>Settings</title><h1>Settings</h1><textarea name="comment[body]" class="js-comment-field"></textarea>');
  // A composer whose editor is in a frame: the content script (top frame only) cannot type into it.
  site.page('forums.mysql.com', '/t/editor-in-a-frame/43', fixture('discourse-mysql-topic.html').replace(/<textarea class="d-editor-input"[^>]*><\/textarea>/, '<iframe title="Editor" srcdoc="<textarea></textarea>"></iframe>').replace('/t/replication-lag-after-upgrading-to-8-4/42', '/t/editor-in-a-frame/43'));
  browser = await launchWithExtension({ mapHosts: [...new Set(Object.values(SITES).map((s) => new URL(s.url).host))], port: site.port });
  await allowSiteAccess(browser, 'http://127.0.0.1/*');
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await endpoint?.close();
});

/** Opens `url` in a new tab and waits until the worker heard of it. */
async function visit(url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme });
  await page.goto(url);
  await detectedTabId(browser, url);
  return page;
}

/** The worker's record of what it was told, from now on. */
async function recordDetections(): Promise<() => Promise<string[]>> {
  const worker = await currentWorker(browser.context);
  await worker.evaluate(() => {
    const heard: string[] = [];
    (globalThis as { heardUrls?: string[] }).heardUrls = heard;
    chrome.runtime.onMessage.addListener((m: { advocate?: number; name?: string; payload?: { url?: string } }) => {
      if (m?.advocate === 1 && m.name === 'page.detected') heard.push(String(m.payload?.url));
    });
  });
  return () => worker.evaluate(() => (globalThis as unknown as { heardUrls: string[] }).heardUrls);
}

function storedReferrals(): { product_id: string; channel: string; page_host: string | null }[] {
  const db = new Database(join(endpoint.dataDir, 'advocate.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT product_id, channel, page_host FROM referrals').all() as never;
  } finally {
    db.close();
  }
}

test('before enrolment nothing appears on a matched page: the worker heard of it, the page got nothing', async () => {
  const page = await visit(SITES.github.url);
  await afterIdle(page);
  expect(await layers(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.children.length)).toBe(2); // <head> and <body> only
  await page.close();
});

/** Enrols once, from inside the first test that needs it. */
const enrolled = enrolOnce(() => browser, () => endpoint);

describe('enrolled with the demo vendor (MySQL, PostgreSQL)', () => {
  beforeEach(() => enrolled());

  test.each(Object.entries(SITES))('%s: the suggestion appears after idle, names the offer, follows the theme, shifts nothing and covers no control', async (name, s) => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.addInitScript(() => {
        (globalThis as { shifts?: number }).shifts = 0;
        new PerformanceObserver((list) => list.getEntries().forEach((e) => ((globalThis as unknown as { shifts: number }).shifts += (e as unknown as { value: number }).value))).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(s.url);
      const links = await pageLinks(page);
      const [card] = await waitForLayers(page, 1);
      expect(card!.html).toContain(`Recommend ${s.offer}`);
      expect(card!.html).toContain('Demo Database Co.');
      expect(card!.html).toContain(scheme === 'dark' ? 'class="a dark"' : 'class="a"');
      if (name !== 'reddit') expect(card!.html).toMatch(/You are certified for MySQL: professional, until [A-Z][a-z]{2} \d{1,2}, \d{4}</); // the date as English writes it
      // No layout shift, and no control of the page under the card.
      expect(await page.evaluate(() => (globalThis as unknown as { shifts: number }).shifts)).toBe(0);
      const controls = await page.evaluate(() => [...document.querySelectorAll('a,button,input,textarea,select,[contenteditable]')].map((e) => e.getBoundingClientRect().toJSON() as DOMRect).filter((r) => r.width > 0));
      const overlaps = controls.filter((r) => r.x < card!.rect.x + card!.rect.width && card!.rect.x < r.x + r.width && r.y < card!.rect.y + card!.rect.height && card!.rect.y < r.y + r.height);
      expect(overlaps).toEqual([]);
      expect(await pageLinks(page)).toBe(links);
      await screenshot(page, `suggestion-${name}${scheme === 'dark' ? '-dark' : ''}`);
      await page.close();
    }
  });

  test('a fixed control in the bottom-right corner sends the suggestion to another corner', async () => {
    const page = await visit(SITES.github.url);
    const [card] = await waitForLayers(page, 1);
    const backToTop = await page.getByRole('button', { name: 'Back to top' }).boundingBox();
    expect(card!.rect.x + card!.rect.width).toBeLessThan(backToTop!.x); // not in its corner
    await page.close();
  });

  test('GitHub: the reply button shows exactly the link and disclosure with the rule, and inserts them at the caret on Insert', async () => {
    const page = await visit(SITES.github.url);
    await waitForLayers(page, 1);
    const links = await pageLinks(page);
    const box = page.locator('textarea[name="comment[body]"]');
    await box.click();
    await box.pressSequentially('Try the summary tables first.');
    await box.press('Home'); // the caret at the start: the link goes there, and nothing else moves
    await axClick(page, 'button', 'Insert a referral link');
    await expect.poll(async () => (await axFind(page, 'button', 'Insert')).length).toBe(1);
    const preview = (await layers(page)).map((l) => l.html).join('');
    await axClick(page, 'button', 'Insert');
    // What was previewed is what went in.
    await expect.poll(() => box.inputValue()).not.toBe('Try the summary tables first.');
    const value = await box.inputValue();
    expect(value.endsWith('Try the summary tables first.')).toBe(true);
    const inserted = value.slice(0, -'Try the summary tables first.'.length);
    expect(inserted).toMatch(new RegExp(`^\\[MySQL Enterprise Support by Demo Database Co\\.\\]\\(${endpoint.url.replace(/[.]/g, '\\.')}/r/[0-9a-z]{24}[^)]*\\)`, 'i'));
    expect(inserted).toContain('paid referral link');
    expect(preview).toContain(inserted.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').trim().split('\n')[0]);
    expect(preview).toContain('GitHub’s Acceptable Use Policies');
    expect(preview).toContain('href="https://docs.github.com/en/site-policy/acceptable-use-policies/github-acceptable-use-policies"');
    expect(await pageLinks(page)).toBe(links);
    await expect.poll(() => storedReferrals().some((r) => r.channel === 'issue-comment' && r.page_host === 'github.com'), { timeout: 15_000 }).toBe(true);
    await page.close();
  });

  test('Stack Overflow: a link-only answer is refused with the rule; with an answer of its own the link is inserted', async () => {
    const page = await visit(SITES.stackoverflow.url, 'dark');
    await waitForLayers(page, 1);
    const box = page.locator('#wmd-input');
    await box.click();
    await axClick(page, 'button', 'Insert a referral link');
    await axFind(page, 'dialog', 'Insert a referral link');
    await axClick(page, 'button', 'Insert');
    await expect.poll(async () => (await axFind(page, 'StaticText', /Write your answer first: Stack Exchange asks/)).length).toBe(1);
    expect(await box.inputValue()).toBe('');
    await screenshot(page, 'reply-preview-stackoverflow-dark');
    const answer = 'COUNT(*) on InnoDB reads a whole index because of MVCC: keep a counter table updated by triggers, or read the estimate from information_schema.tables when an approximation is enough. ';
    await box.fill(answer);
    await box.press('End');
    await axClick(page, 'button', 'Insert');
    await expect.poll(() => box.inputValue()).toContain('paid referral link');
    expect((await box.inputValue()).startsWith(answer)).toBe(true);
    await page.close();
  });

  test('Reddit: the rich-text composer gets the plain-text link and disclosure', async () => {
    const page = await visit(SITES.reddit.url);
    await waitForLayers(page, 1);
    const editor = page.getByRole('textbox', { name: 'Add a comment' });
    await editor.click();
    await editor.pressSequentially('Autovacuum also runs to prevent transaction ID wraparound, even on a table nobody writes to.');
    await axClick(page, 'button', 'Insert a referral link');
    await axClick(page, 'button', 'Insert');
    await expect.poll(() => editor.innerText()).toMatch(new RegExp(`${endpoint.url.replace(/[.]/g, '\\.')}/r/[0-9a-z]{24}`, 'i'));
    const text = await editor.innerText();
    expect(text).toContain('paid referral link');
    expect(text).not.toContain('](');
    await page.close();
  });

  test('the context menu’s "Insert a referral link" opens the same preview; in an editor in a frame it copies the text instead', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://forums.mysql.com' });
    const page = await visit(IFRAME_EDITOR);
    await waitForLayers(page, 1);
    const links = await pageLinks(page);
    await page.frameLocator('iframe[title="Editor"]').locator('textarea').click();
    const tabId = await detectedTabId(browser, IFRAME_EDITOR);
    // The real menu listener, fed the event Chrome sends when the entry is chosen.
    const worker = await currentWorker(browser.context);
    await worker.evaluate(([id, url]) => (chrome.contextMenus.onClicked as unknown as { dispatch(info: object, tab: object): void }).dispatch({ menuItemId: 'advocate-insert-referral', editable: true, pageUrl: url, frameId: 0 }, { id }), [tabId, IFRAME_EDITOR] as const);
    await axFind(page, 'dialog', 'Insert a referral link');
    await axClick(page, 'button', 'Insert');
    await expect.poll(async () => (await axFind(page, 'StaticText', /copied: paste it/)).length, { timeout: 10_000 }).toBe(1);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/paid referral link/);
    expect(copied).toContain(`${endpoint.url}/r/`);
    expect(await page.frameLocator('iframe[title="Editor"]').locator('textarea').inputValue()).toBe('');
    expect(await pageLinks(page)).toBe(links);
    await page.close();
  });

  test('soft navigation: each new URL is detected once, the old page’s suggestion and reply button go with it', async () => {
    const heard = await recordDetections();
    const page = await visit('https://github.com/mysql/mysql-server');
    let [card] = await waitForLayers(page, 1);
    expect(card!.html).toContain('MySQL Enterprise Support');
    // GitHub's Turbo: pushState, then its events (twice here: one detection per URL).
    await page.evaluate(() => {
      history.pushState({}, '', '/postgres/postgres');
      document.dispatchEvent(new Event('turbo:load'));
      document.dispatchEvent(new Event('turbo:render'));
    });
    await expect.poll(async () => (await layers(page)).map((l) => l.html).join('')).toContain('PostgreSQL Production Support');
    [card] = await waitForLayers(page, 1);
    expect(card!.html).not.toContain('MySQL');
    // The worker hands the script its answer for the new URL, or the script asks first: never both, never twice.
    expect((await heard()).filter((u) => u === 'https://github.com/postgres/postgres').length).toBeLessThanOrEqual(1);
    await page.close();
    // To a page that matches nothing: everything of the old page is gone, its listeners too.
    const issue = await visit(SITES.github.url);
    await waitForLayers(issue, 1);
    const box = issue.locator('textarea[name="comment[body]"]');
    await box.click();
    await waitForLayers(issue, 2); // the card and the reply button: the listener works
    await issue.locator('h1').click();
    await waitForLayers(issue, 1);
    await issue.evaluate(() => {
      history.pushState({}, '', '/settings');
      document.dispatchEvent(new Event('turbo:load'));
    });
    await waitForLayers(issue, 0);
    await box.click();
    await afterIdle(issue);
    expect(await layers(issue)).toEqual([]);
    await issue.close();
  });

  test('× dismisses the product on this site; the page’s links stay byte-identical', async () => {
    const page = await visit(SITES.discourse.url);
    await waitForLayers(page, 1);
    const links = await pageLinks(page);
    await axClick(page, 'button', 'Dismiss this suggestion');
    await waitForLayers(page, 0);
    expect(await pageLinks(page)).toBe(links);
    await page.reload();
    await detectedTabId(browser, SITES.discourse.url);
    await afterIdle(page);
    expect(await layers(page)).toEqual([]);
    // Positive control: the same product on another site still shows.
    const other = await visit(SITES.github.url);
    await waitForLayers(other, 1);
    await other.close();
    await page.close();
  });
});
