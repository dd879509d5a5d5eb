// Reads the handful of DOM facts the detector uses (see DomSignals in src/core/detect/types.ts).
// One pass over <head>'s direct children, O(1) id checks, and on Stack Exchange question pages
// only, two querySelector calls for the tags; nothing scans the page body or its text.
import type { DomSignals } from '../core/detect/types';

const MAX_TAGS = 10;
const MAX_TEXT = 300;
const MAX_URL = 2048;

const clip = (s: string | null | undefined, max = MAX_TEXT): string | undefined => {
  const t = s?.trim();
  return t ? t.slice(0, max) : undefined;
};

/** Stack Exchange question pages are the only ones whose tags we read. */
const SE_POST = /^https?:\/\/[^/]+\/questions\/\d+/;
/** Flarum serves its stylesheet from /assets/forum….css; the #flarum-loading element confirms it. */
const FLARUM_CSS = /\/assets\/forum[^/]*\.css/;

export function readDomSignals(doc: Document): DomSignals {
  const signals: DomSignals = {};
  let ogUrl: string | undefined;
  let flarumCss = false;
  let discourseMeta = false;

  for (const el of Array.from(doc.head?.children ?? [])) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'meta') {
      const name = el.getAttribute('name') ?? el.getAttribute('property');
      if (name === 'generator') signals.generator ??= clip(el.getAttribute('content'));
      else if (name === 'og:url') ogUrl ??= clip(el.getAttribute('content'), MAX_URL);
      else if (name === 'octolytics-dimension-repository_nwo') signals.repoNwo ??= clip(el.getAttribute('content'));
      else if (name === 'discourse_current_homepage') discourseMeta = true;
    } else if (tag === 'link') {
      const rel = el.getAttribute('rel');
      if (rel === 'canonical') signals.canonicalUrl ??= clip(el.getAttribute('href'), MAX_URL);
      else if (rel === 'stylesheet' && FLARUM_CSS.test(el.getAttribute('href') ?? '')) flarumCss = true;
    }
  }
  signals.canonicalUrl ??= ogUrl;

  const software = forumMarker(doc, discourseMeta, flarumCss);
  if (software) signals.forumSoftware = software;

  const pageUrl = signals.canonicalUrl ?? doc.location?.href;
  if (pageUrl && SE_POST.test(pageUrl)) {
    const tags: string[] = [];
    const list = doc.querySelector('.post-taglist');
    for (const el of Array.from(list?.querySelectorAll('.post-tag') ?? []).slice(0, MAX_TAGS)) {
      const tag = clip(el.textContent, 40);
      if (tag) tags.push(tag);
    }
    if (tags.length > 0) signals.tags = tags;
  }
  // Drop fields that came out empty so a page with nothing yields {}.
  for (const k of Object.keys(signals) as (keyof DomSignals)[]) if (signals[k] === undefined) delete signals[k];
  return signals;
}

/** Forum software with a stable marker but no generator meta. */
function forumMarker(doc: Document, discourseMeta: boolean, flarumCss: boolean): string | undefined {
  const rootId = doc.documentElement?.id;
  if (rootId === 'XF' || rootId === 'XenForo') return 'xenforo';
  if (doc.body?.id === 'phpbb') return 'phpbb';
  if (discourseMeta) return 'discourse';
  if (flarumCss && doc.getElementById('flarum-loading')) return 'flarum';
  return undefined;
}
