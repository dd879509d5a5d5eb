// Whether a page on a site Advocate serves is worth running the content script in, decided by
// the worker from the address alone: the page then costs nothing unless it may be about a
// catalog product. Only Stack Exchange questions need the page itself (their tags are in it):
// the worker reads just those signals first (a small function, not the content script), and
// runs the script only when the tags match.
import type { CatalogIndex } from '../catalog/compile';
import { detectPage, type DomSignals } from '../detect';
import { matchPage } from '.';

/** A question, or an answer's link to one: `/questions/123`, `/q/123`, `/a/123`. */
const SE_POST = /^\/(?:questions|q|a)\/\d+(?:\/|$)/;

/** `script`: the address matches, run the content script; `signals`: read the page's signals, then ask `matchesWithSignals`; `no`: leave the page alone. */
export type Worth = 'script' | 'signals' | 'no';

export function worthReading(url: string, index: CatalogIndex): Worth {
  const detection = detectPage(url);
  if (detection.keys.length === 0) return 'no';
  if (matchPage(detection, index).products.length > 0) return 'script';
  return detection.site === 'stackexchange' && SE_POST.test(new URL(url).pathname) ? 'signals' : 'no';
}

/** With the page's own signals (a question's tags): whether it matches a catalog product. */
export function matchesWithSignals(url: string, signals: DomSignals, index: CatalogIndex): boolean {
  return matchPage(detectPage(url, signals), index).products.length > 0;
}
