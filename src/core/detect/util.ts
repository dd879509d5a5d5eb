import type { Key } from '../keys';
import { CONFIDENCE } from './confidence';
import type { Detection, PageType } from './types';

/** Path segments, percent-decoded where valid; empty segments dropped. */
export function segments(pathname: string): string[] {
  const out: string[] = [];
  for (const raw of pathname.split('/')) {
    if (!raw) continue;
    let seg = raw;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      // keep the raw segment: a bad escape is not our problem to fix
    }
    out.push(seg);
  }
  return out;
}

export const result = (pageType: PageType, site: string, keys: Key[], confidence: number): Detection => ({
  pageType,
  site,
  keys,
  confidence,
});

export const other = (site: string, keys: Key[] = [], confidence: number = CONFIDENCE.urlPattern) =>
  result('other', site, keys, confidence);

export const nothing = (): Detection => ({ pageType: 'other', site: 'none', keys: [], confidence: CONFIDENCE.none });

/** Names on forges and registries: letters, digits and a few separators, bounded length. */
export const isName = (s: string | undefined, max = 214): s is string =>
  !!s && s.length <= max && /^[\w.-]+$/.test(s) && s !== '.' && s !== '..';
