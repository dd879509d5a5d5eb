// Whether a page on a site Advocate serves is worth running the content script in, decided by
// the worker from what the browser tells it (the address, the tab's title), so a page costs
// nothing unless it may be about a catalog product. Only Stack Exchange questions need the page
// itself (their tags are in it), and only when their title names a catalog tag: the worker then
// reads just those signals (a small function, not the content script), and the tags decide.
import type { CatalogIndex } from '../catalog/compile';
import { detectPage, type Detection, type DomSignals } from '../detect';
import { soTagKey } from '../keys';
import { matchPage, type PageMatch } from '.';

/** A question, or an answer's link to one: `/questions/123`, `/q/123`, `/a/123`. */
const SE_POST = /^\/(?:questions|q|a)\/\d+(?:\/|$)/;

/** What the page is about, when its address (or address and signals) match the catalog. */
export interface Matched {
  detection: Detection;
  match: PageMatch;
}

/** `script`: the address matches, run the content script; `signals`: read the page's signals, then ask `matchWithSignals`; `no`: leave the page alone. */
export type Reading = ({ worth: 'script' } & Matched) | { worth: 'signals' } | { worth: 'no' };

export function worthReading(url: string, index: CatalogIndex, title?: string): Reading {
  const detection = detectPage(url);
  if (detection.keys.length === 0) return { worth: 'no' };
  const match = matchPage(detection, index);
  if (match.products.length > 0) return { worth: 'script', detection, match };
  if (detection.site !== 'stackexchange') return { worth: 'no' };
  const { hostname, pathname } = new URL(url);
  if (!SE_POST.test(pathname)) return { worth: 'no' };
  // The title (else the address's slug, made from it) decides whether the tags are worth reading.
  const words = title ?? pathname.split('/')[3];
  if (words === undefined) return { worth: 'signals' };
  return titleTags(words).some((tag) => index.lookup(soTagKey(hostname, tag)).length > 0) ? { worth: 'signals' } : { worth: 'no' };
}

/** With the page's own signals (a question's tags): what it is about, or null when no catalog product. */
export function matchWithSignals(url: string, signals: DomSignals, index: CatalogIndex): Matched | null {
  const detection = detectPage(url, signals);
  const match = matchPage(detection, index);
  return match.products.length > 0 ? { detection, match } : null;
}

/**
 * An ordinary page on a host the catalog names, matched by its address: its DOM says more (which
 * forum software it runs, so which reply box and rule apply), so the worker reads its signals
 * before it answers for it.
 */
export const domSaysMore = (detection: Detection): boolean => detection.site === 'web';

const MAX_TITLE_WORDS = 40;
/** Tags are spelled with hyphens: "sql server" in a title is the tag sql-server. */
const MAX_TAG_WORDS = 3;

/**
 * The tags a question's title may spell: its words and runs of up to three words. Stack
 * Exchange titles start with the question's most used tag ("mysql - Why is my count slow? -
 * Stack Overflow") unless the title names it already, so the top tag is always among them; a
 * question whose catalog tag is neither its top tag nor in its title is left to the popup.
 */
export function titleTags(title: string): string[] {
  const segments = title.split(' - ');
  const text = segments.length > 1 ? segments.slice(0, -1).join(' ') : title; // without the site's name
  const words = text
    .toLowerCase()
    .split(/[^a-z0-9.#+]+/)
    .map((word) => word.replace(/\.+$/, ''))
    .filter(Boolean)
    .slice(0, MAX_TITLE_WORDS);
  const tags = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; n <= MAX_TAG_WORDS && i + n <= words.length; n++) tags.add(words.slice(i, i + n).join('-'));
  }
  return [...tags];
}
