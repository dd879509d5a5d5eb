// Reads the handful of DOM facts the detector uses (see DomSignals in src/core/detect/types.ts).
// A few selector queries over <head>'s direct children, O(1) id checks, and on Stack Exchange question pages
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

  // A handful of selector queries over <head>'s direct children: the browser matches them
  // natively, where walking a big head (GitHub's has hundreds of tags) in script cost milliseconds.
  const head = doc.head;
  const first = (selector: string, attribute: string): string | null => head?.querySelector(selector)?.getAttribute(attribute) ?? null;
  const signals: DomSignals = {};
  const generator = first(':scope > meta[name="generator"]', 'content');
  if (generator !== null) signals.generator = clip(generator);
  const repoNwo = first(':scope > meta[name="octolytics-dimension-repository_nwo"]', 'content');
  if (repoNwo !== null) signals.repoNwo = clip(repoNwo);
  signals.canonicalUrl = clip(first(':scope > link[rel="canonical"]', 'href'), MAX_URL) ?? clip(first(':scope > meta[property="og:url"], :scope > meta[name="og:url"]', 'content'), MAX_URL);
  const discourseMeta = head?.querySelector(':scope > meta[name="discourse_current_homepage"]') != null;
  const flarumCss = Array.from(head?.querySelectorAll(':scope > link[rel="stylesheet"][href*="/assets/forum"]') ?? []).some((link) => FLARUM_CSS.test(link.getAttribute('href') ?? ''));

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
