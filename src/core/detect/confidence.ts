// Confidence scale shared by every site handler. It says how sure the detector is of the
// page type AND of the keys it emits, before any catalog lookup.
export const CONFIDENCE = {
  /** URL pattern on a known site, confirmed by a DOM signal (GitHub repo meta, SE tags in the page). */
  confirmed: 0.99,
  /** URL pattern on a known site (repository, package, question, subreddit, reserved path). */
  urlPattern: 0.95,
  /** Known site, but the URL alone leaves some doubt (GitLab path without `/-/`, SE question before its tags are read). */
  partial: 0.85,
  /** Forum software recognised by its generator meta / page marker on an unknown host. */
  forumSignal: 0.8,
  /** Unknown host: only host/path keys; the catalog decides (homepage, docs, forum, mailing list). */
  hostOnly: 0.5,
  /** Not a web page we can read (malformed URL, javascript:, about:, chrome://). */
  none: 0,
} as const;
