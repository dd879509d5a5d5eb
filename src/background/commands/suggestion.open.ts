// A click on the in-page suggestion opens the popup about that tab (its referral form), or the
// popup page in a new tab where the browser will not open the popup from a page.
import { CommandFailure } from '../errors';
import { command, NO_PAYLOAD } from './command';

export default command({
  name: 'suggestion.open',
  callers: ['content'],
  payload: NO_PAYLOAD,
  async handle(_payload, ctx, s) {
    if (ctx.tabId === undefined) throw new CommandFailure('forbidden', 'Only a page in a tab can open the popup.');
    await s.tabAccess.openPopup(ctx.tabId);
    return { opened: true };
  },
});
