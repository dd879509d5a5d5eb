// The practitioner looked at the prepared reply and pressed Insert: the referral is stored
// durably (it syncs to its vendor) and its text is answered for the content script to insert.
import * as v from 'valibot';
import { uuid } from '../../core/schema';
import { webUrl } from '../../core/schema/url';
import { CommandFailure } from '../errors';
import { sameOrigin } from '../pages';
import { insertReply } from '../replies';
import { command } from './command';

export default command({
  name: 'reply.insert',
  callers: ['content'],
  /** url: the page's own current address, as for reply.prepare. */
  payload: v.strictObject({ draftId: uuid('draftId'), url: v.optional(webUrl('url')) }),
  async handle({ draftId, url }, ctx, s) {
    if (ctx.tabId === undefined || ctx.senderUrl === undefined) throw new CommandFailure('forbidden', 'Only a page in a tab can insert a reply.');
    if (url !== undefined && !sameOrigin(url, ctx.senderUrl)) throw new CommandFailure('forbidden', 'A page may only insert a reply for its own address.');
    return insertReply(s, ctx.tabId, url ?? ctx.senderUrl, draftId);
  },
});
