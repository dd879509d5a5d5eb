// The practitioner pressed the reply-box button (or chose "Insert a referral link" on it): a
// referral is made for the page's product and shown to them exactly as it would be inserted,
// with the community's rule beside it. Nothing is stored or inserted yet (see reply.insert).
import * as v from 'valibot';
import { CommandFailure } from '../errors';
import { prepareReply } from '../replies';
import { command } from './command';

export default command({
  name: 'reply.prepare',
  callers: ['content'],
  /** rich: a rich-text editor (plain text goes in); otherwise a plain reply box (the site's format). */
  payload: v.strictObject({ rich: v.boolean('rich must be true or false') }),
  async handle({ rich }, ctx, s) {
    if (ctx.tabId === undefined || ctx.senderUrl === undefined) throw new CommandFailure('forbidden', 'Only a page in a tab can prepare a reply.');
    return prepareReply(s, ctx.tabId, ctx.senderUrl, rich);
  },
});
