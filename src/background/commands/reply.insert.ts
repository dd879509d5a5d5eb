// The practitioner looked at the prepared reply and pressed Insert: the referral is stored
// durably (it syncs to its vendor) and its text is answered for the content script to insert.
import * as v from 'valibot';
import { uuid } from '../../core/schema';
import { CommandFailure } from '../errors';
import { insertReply } from '../replies';
import { command } from './command';

export default command({
  name: 'reply.insert',
  callers: ['content'],
  payload: v.strictObject({ draftId: uuid('draftId') }),
  async handle({ draftId }, ctx, s) {
    if (ctx.tabId === undefined || ctx.senderUrl === undefined) throw new CommandFailure('forbidden', 'Only a page in a tab can insert a reply.');
    return insertReply(s, ctx.tabId, ctx.senderUrl, draftId);
  },
});
