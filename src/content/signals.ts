// Reads the handful of DOM facts the detector uses (see DomSignals in src/core/detect/types.ts).
// A few querySelector calls, mostly inside <head>; nothing scans the whole page or its text.
import type { DomSignals } from '../core/detect/types';

const MAX_TAGS = 10;
const MAX_TEXT = 300;

const clip = (s: string | null | undefined, max = MAX_TEXT): string | undefined => {
  const t = s?.trim();
  return t ? t.slice(0, max) : undefined;
};

/** Stack Exchange question pages are the only ones whose tags we read. */
const SE_POST = /^https?:\/\/[^/]+\/questions\/\d+/;

export function readDomSignals(doc: Document): DomSignals {
  const head: ParentNode = doc.head ?? doc;
  const meta = (selector: string) => clip(head.querySelector(selector)?.getAttribute('content'));
  const signals: DomSignals = {};

  const generator = meta('meta[name="generator"]');
  if (generator) signals.generator = generator;
  const canonical = clip(head.querySelector('link[rel="canonical"]')?.getAttribute('href'), 2048) ?? clip(meta('meta[property="og:url"]'), 2048);
  if (canonical) signals.canonicalUrl = canonical;
  const nwo = meta('meta[name="octolytics-dimension-repository_nwo"]');
  if (nwo) signals.repoNwo = nwo;

  const software = forumMarker(doc, head);
  if (software) signals.forumSoftware = software;

  if (canonical && SE_POST.test(canonical)) {
    const tags: string[] = [];
    for (const el of Array.from(doc.querySelectorAll('.post-taglist .post-tag')).slice(0, MAX_TAGS)) {
      const tag = clip(el.textContent, 40);
      if (tag) tags.push(tag);
    }
    if (tags.length > 0) signals.tags = tags;
  }
  return signals;
}

/** Forum software with a stable marker but no generator meta (ids are O(1) lookups). */
function forumMarker(doc: Document, head: ParentNode): string | undefined {
  const rootId = doc.documentElement?.id;
  if (rootId === 'XF' || rootId === 'XenForo') return 'xenforo';
  if (doc.body?.id === 'phpbb') return 'phpbb';
  if (doc.getElementById('flarum-loading')) return 'flarum';
  if (head.querySelector('meta[name="discourse_current_homepage"]')) return 'discourse';
  return undefined;
}
