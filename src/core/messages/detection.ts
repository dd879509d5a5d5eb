// What a content script reads of its page (src/content/signals.ts), checked before the worker
// detects from it: page data is hostile. Unknown members are dropped.
import * as v from 'valibot';
import { LIMITS } from '../schema';

const signal = (what: string, max: number) => v.optional(v.pipe(v.string(`${what} must be text`), v.maxLength(max)));

/** The DOM facts the content script sends, or the worker reads in a tab itself (a question's tags, a toolbar click). */
export const DomSignalsSchema = v.object({
  generator: signal('generator', 300),
  ogSiteName: signal('ogSiteName', 300),
  canonicalUrl: signal('canonicalUrl', LIMITS.url),
  tags: v.optional(v.pipe(v.array(v.pipe(v.string('tags must be text'), v.maxLength(40, 'a tag is at most 40 characters'))), v.maxLength(10, 'at most 10 tags'))),
  repoNwo: signal('repoNwo', 300),
  forumSoftware: signal('forumSoftware', 40),
});
