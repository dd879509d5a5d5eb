// Reads the handful of DOM facts the detector uses (see DomSignals in src/core/detect/types.ts).
// One pass over <head>'s direct children, O(1) id checks, and on Stack Exchange question pages
// only, two querySelector calls for the tags; nothing scans the page body or its text.
//
// Self-contained on purpose: the worker also runs this very function in a tab once, after a
// click on the toolbar icon (`scripting.executeScript({ func })` sends its source alone), so it
// may use nothing declared outside its body.
import type { DomSignals } from '../core/detect/types';

export function readDomSignals(doc: Document = document): DomSignals {
  const MAX_TAGS = 10;
  const MAX_URL = 2048;
  /** Stack Exchange question pages are the only ones whose tags we read. */
  const SE_POST = /^https?:\/\/[^/]+\/questions\/\d+/;
  /** Flarum serves its stylesheet from /assets/forum….css; the #flarum-loading element confirms it. */
  const FLARUM_CSS = /\/assets\/forum[^/]*\.css/;
  const clip = (s: string | null | undefined, max = 300): string | undefined => {
    const t = s?.trim();
    return t ? t.slice(0, max) : undefined;
  };

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

  // Forum software with a stable marker but no generator meta.
  const rootId = doc.documentElement?.id;
  const software =
    rootId === 'XF' || rootId === 'XenForo'
      ? 'xenforo'
      : doc.body?.id === 'phpbb'
        ? 'phpbb'
        : discourseMeta
          ? 'discourse'
          : flarumCss && doc.getElementById('flarum-loading')
            ? 'flarum'
            : undefined;
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
