// The practitioner pressed the reply-box button (or chose "Insert a referral link" on it): a
// referral is made for the page's product and shown to them exactly as it would be inserted,
// with the community's rule beside it. Nothing is stored or inserted yet (see reply.insert).
import * as v from 'valibot';
import { webUrl } from '../../core/schema/url';
import { CommandFailure } from '../errors';
import { sameOrigin } from '../pages';
import { prepareReply } from '../replies';
import { command } from './command';

export default command({
  name: 'reply.prepare',
  callers: ['content'],
  /** rich: a rich-text editor (plain text goes in); otherwise a plain reply box (the site's format). */
  /** url: the page's own current address (the sender URL lags a same-document navigation); of the sender's origin only. */
  payload: v.strictObject({ rich: v.boolean('rich must be true or false'), url: v.optional(webUrl('url')) }),
  async handle({ rich, url }, ctx, s) {
    if (ctx.tabId === undefined || ctx.senderUrl === undefined) throw new CommandFailure('forbidden', 'Only a page in a tab can prepare a reply.');
    if (url !== undefined && !sameOrigin(url, ctx.senderUrl)) throw new CommandFailure('forbidden', 'A page may only prepare a reply for its own address.');
    return prepareReply(s, ctx.tabId, url ?? ctx.senderUrl, rich);
  },
});
