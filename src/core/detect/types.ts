import type { Key } from '../keys';

export type PageType = 'project' | 'forum' | 'other';

export interface Detection {
  pageType: PageType;
  /** Which site family classified the page: 'github', 'stackexchange', 'discourse', 'web', 'none'… */
  site: string;
  /** Candidate catalog keys, most specific first. */
  keys: Key[];
  /** 0..1, see the scale in ./confidence.ts. */
  confidence: number;
}

/**
 * The few facts the content script reads from the DOM (see src/content/signals.ts).
 * Plain and serialisable: it crosses a message boundary, and it is hostile page data,
 * so the detector validates every field before use.
 */
export interface DomSignals {
  /** content of meta[name=generator], e.g. 'Discourse 3.2.0' */
  generator?: string;
  /** content of meta[property="og:site_name"] */
  ogSiteName?: string;
  /** link[rel=canonical] href, else meta[property="og:url"] */
  canonicalUrl?: string;
  /** Stack Exchange question tags (`.post-taglist .post-tag`), at most 10 */
  tags?: string[];
  /** GitHub meta[name=octolytics-dimension-repository_nwo], e.g. 'mysql/mysql-server' */
  repoNwo?: string;
  /** forum software recognised from a stable page marker: 'discourse', 'phpbb', 'xenforo', 'flarum' */
  forumSoftware?: string;
}
