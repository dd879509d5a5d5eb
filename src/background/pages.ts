// What the worker knows about the page in each tab: the content script's last report, matched
// against the catalog when asked. Nothing about a page outlives it (see ./tabs.ts).
import type { Detection } from '../core/detect';
import { matchPage, type PageMatch } from '../core/match';
import { normaliseDomain } from '../core/schema/domain';
import { readSettings } from './settings';
import type { Services } from './services';

export interface TabPageView {
  url: string;
  match: PageMatch;
}

/** The page a tab shows now, matched against the current catalog; null once it navigated away. */
export async function pageOfTab(s: Pick<Services, 'tabs' | 'catalogs'>, tabId: number): Promise<TabPageView | null> {
  const page = await s.tabs.recall(tabId);
  if (!page) return null;
  return { url: page.url, match: matchPage(page.detection, await s.catalogs.get()) };
}

export async function matchDetection(s: Pick<Services, 'catalogs'>, detection: Detection): Promise<PageMatch> {
  return matchPage(detection, await s.catalogs.get());
}

export async function enrolledIds(s: Pick<Services, 'db'>): Promise<Set<string>> {
  return new Set(await (await s.db.get()).getAllKeys('vendors'));
}

/** What a content script may hear: offers of vendors the practitioner is enrolled with, unless muted here. */
export async function suggestionsFor(s: Pick<Services, 'db'>, match: PageMatch, url: string): Promise<PageMatch> {
  const [settings, enrolled] = await Promise.all([s.db.get().then(readSettings), enrolledIds(s)]);
  const host = normaliseDomain(url);
  if (!settings.suggestionsEnabled || (host !== null && settings.mutedHosts.includes(host))) return { ...match, products: [] };
  const products = match.products
    .map((p) => ({ ...p, offers: p.offers.filter((o) => enrolled.has(o.vendorId)) }))
    .filter((p) => p.offers.length > 0);
  return { ...match, products };
}
