// What the worker knows about the page in each tab: the content script's last report (or the
// one-time reading after a toolbar click), matched against the catalog when asked. Nothing
// about a page outlives it (see ./tabs.ts). Each report also sets the tab's toolbar icon.
import { detectPage, type Detection } from '../core/detect';
import { matchPage, type PageMatch } from '../core/match';
import { DomSignalsSchema } from '../core/messages/detection';
import type { SuggestionView } from '../core/messages/views';
import { parseWebUrl } from '../core/schema/url';
import { patternMatchesUrl } from '../core/sites/match-pattern';
import * as v from 'valibot';
import { wordTemplates } from '../content/words';
import type { Services } from './services';
import { suggestionFor } from './suggestions';

/** How Advocate reads the tab's site: its content script is declared there, granted there, or it read the page once after a click. */
export type SiteAccess = 'declared' | 'granted' | 'once';

export interface TabPageView {
  url: string;
  match: PageMatch;
  access: SiteAccess;
}

export async function matchDetection(s: Pick<Services, 'catalogs'>, detection: Detection): Promise<PageMatch> {
  return matchPage(detection, await s.catalogs.get());
}

export async function enrolledIds(s: Pick<Services, 'db'>): Promise<Set<string>> {
  return new Set(await (await s.db.get()).getAllKeys('vendors'));
}

async function accessOf(s: Pick<Services, 'declaredMatches' | 'sites'>, url: string): Promise<SiteAccess> {
  if (s.declaredMatches.some((m) => patternMatchesUrl(m, url))) return 'declared';
  return (await s.sites.list()).some((site) => patternMatchesUrl(site.pattern, url)) ? 'granted' : 'once';
}

/** Remembers the tab's page, shows it on the toolbar and answers what its content script may hear. `match`: the detection's, when the caller has it. */
export async function reportPage(s: Services, tabId: number, url: string, detection: Detection, match?: PageMatch): Promise<SuggestionView> {
  await s.tabs.remember(tabId, { url, detection }); // first, so reports and navigations keep their order
  const { view, settings } = await suggestionFor(s, match ?? (await matchDetection(s, detection)), url);
  await s.toolbar.show(tabId, view, !settings.suggestionsEnabled);
  return view;
}

/** The browser's wording; none where there is no browser (the unit tests' worker). */
const getMessage = (key: string, subs: string[]): string => (globalThis as { chrome?: typeof chrome }).chrome?.i18n?.getMessage(key, subs) ?? '';

/** What a content script hears: with an answer it will show, the wording it shows (src/content/words.ts says why). */
export function withPageWords(view: SuggestionView): SuggestionView {
  return view.suggestion && view.inPage ? { ...view, words: wordTemplates(getMessage) } : view;
}

/**
 * A content script's page: remembered when it is about something (a project or forum, or an
 * ordinary page on a host the catalog names); otherwise the tab's earlier page is forgotten (a
 * single-page site moved on), and the page hears nothing.
 */
export async function reportOrForgetPage(s: Services, tabId: number, url: string, detection: Detection): Promise<SuggestionView> {
  if (detection.keys.length > 0 && detection.pageType !== 'other') return reportPage(s, tabId, url, detection);
  const match = await matchDetection(s, detection);
  if (detection.keys.length > 0 && match.products.length > 0) return reportPage(s, tabId, url, detection, match);
  await forgetPage(s, tabId);
  return (await suggestionFor(s, match, url)).view;
}

/** Shows the current settings on the toolbar icon of every tab with a remembered page. */
export async function refreshToolbars(s: Services): Promise<void> {
  for (const [tabId, page] of await s.tabs.all()) {
    const { view, settings } = await suggestionFor(s, await matchDetection(s, page.detection), page.url);
    await s.toolbar.show(tabId, view, !settings.suggestionsEnabled);
  }
}

/** The tab's page is gone (a navigation, a single-page move to a page nobody reports). */
export async function forgetPage(s: Pick<Services, 'tabs' | 'toolbar'>, tabId: number): Promise<void> {
  await s.tabs.forget(tabId);
  await s.toolbar.show(tabId, null);
}

/**
 * A page no content script reported: after a click on the toolbar icon the browser lets
 * Advocate read that one page once (activeTab), on its own sites at any time, with the same signal reader.
 */
async function readOnce(s: Services, tabId: number): Promise<{ url: string; detection: Detection } | null> {
  const read = await s.tabAccess.readPage(tabId);
  const url = typeof read?.url === 'string' ? parseWebUrl(read.url)?.href : undefined;
  const signals = v.safeParse(DomSignalsSchema, read?.signals ?? {});
  if (!url || !signals.success) return null;
  const detection = detectPage(url, signals.output);
  await reportPage(s, tabId, url, detection);
  return { url, detection };
}

/** The page a tab shows now, matched against the current catalog; null once it navigated away and cannot be read. */
export async function pageOfTab(s: Services, tabId: number, options: { readIfUnknown?: boolean } = {}): Promise<TabPageView | null> {
  const page = (await s.tabs.recall(tabId)) ?? (options.readIfUnknown ? await readOnce(s, tabId) : null);
  if (!page) return null;
  return { url: page.url, match: await matchDetection(s, page.detection), access: await accessOf(s, page.url) };
}

/**
 * Whether a content script's own page URL is of its sender's origin. Chromium's sender URL stays
 * the document's loaded URL after a same-document navigation (pushState), so a content script's
 * report of its current URL is taken within that origin, never beyond it.
 */
export function sameOrigin(url: string, senderUrl: string | undefined): boolean {
  try {
    return senderUrl !== undefined && new URL(url).origin === new URL(senderUrl).origin;
  } catch {
    return false;
  }
}
