// What a content script reports it found on a page (the shape of detectPage's result), checked
// before the worker matches it: page data is hostile. Unknown members are dropped.
import * as v from 'valibot';
import { LIMITS } from '../schema';

export const MAX_DETECTION_KEYS = 64;

export const DetectionSchema = v.object({
  pageType: v.picklist(['project', 'forum', 'other'], 'detection.pageType must be project, forum or other'),
  site: v.pipe(v.string('detection.site must be text'), v.maxLength(LIMITS.host)),
  keys: v.pipe(
    v.array(v.pipe(v.string(), v.maxLength(300), v.regex(/^[a-z-]+:\S+$/, 'detection keys look like "github:owner/repo"'))),
    v.maxLength(MAX_DETECTION_KEYS, 'too many detection keys'),
  ),
  confidence: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
});

const signal = (what: string, max: number) => v.optional(v.pipe(v.string(`${what} must be text`), v.maxLength(max)));

/** The DOM facts read in a tab after a toolbar click (src/content/signals.ts), checked before the worker detects from them. */
export const DomSignalsSchema = v.object({
  generator: signal('generator', 300),
  ogSiteName: signal('ogSiteName', 300),
  canonicalUrl: signal('canonicalUrl', LIMITS.url),
  tags: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(40))), v.maxLength(10))),
  repoNwo: signal('repoNwo', 300),
  forumSoftware: signal('forumSoftware', 40),
});
