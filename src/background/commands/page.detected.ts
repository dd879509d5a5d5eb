// The content script reports what it found on its page. The worker remembers it for the tab
// (the popup and the context menu read it), sets the tab's toolbar icon, and answers with what
// the page may hear: an offer of an enrolled vendor, or nothing.
import * as v from 'valibot';
import type { Detection } from '../../core/detect';
import { DetectionSchema } from '../../core/messages/detection';
import { webUrl } from '../../core/schema/url';
import { CommandFailure } from '../errors';
import { reportPage, sameOrigin } from '../pages';
import { command } from './command';

export default command({
  name: 'page.detected',
  callers: ['content'],
  payload: v.strictObject({ url: webUrl('url'), detection: DetectionSchema }),
  async handle({ url, detection }, ctx, s) {
    if (ctx.tabId === undefined || !sameOrigin(url, ctx.senderUrl)) throw new CommandFailure('forbidden', 'A page may only report its own address.');
    return reportPage(s, ctx.tabId, url, detection as Detection);
  },
});
