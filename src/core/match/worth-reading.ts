// Whether a page on a site Advocate serves is worth running the content script in, decided by
// the worker from the address alone: the page then costs nothing unless it may be about a
// catalog product. Only Stack Exchange questions need the page itself (their tags are in it).
import type { CatalogIndex } from '../catalog/compile';
import { detectPage } from '../detect';
import { matchPage } from '.';

/** A question, or an answer's link to one: `/questions/123`, `/q/123`, `/a/123`. */
const SE_POST = /^\/(?:questions|q|a)\/\d+(?:\/|$)/;

export function worthReading(url: string, index: CatalogIndex): boolean {
  const detection = detectPage(url);
  if (detection.keys.length === 0) return false;
  if (detection.site === 'stackexchange' && SE_POST.test(new URL(url).pathname)) return true;
  return matchPage(detection, index).products.length > 0;
}
