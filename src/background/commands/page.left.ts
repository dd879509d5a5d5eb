// The content script's page changed without a page load (a single-page site) to one it does not
// report: whatever the worker remembered about the tab is about a page that is gone.
import { CommandFailure } from '../errors';
import { forgetPage } from '../pages';
import { command, NO_PAYLOAD } from './command';

export default command({
  name: 'page.left',
  callers: ['content'],
  payload: NO_PAYLOAD,
  async handle(_payload, ctx, s) {
    if (ctx.tabId === undefined) throw new CommandFailure('forbidden', 'Only a page in a tab can leave it.');
    await forgetPage(s, ctx.tabId);
    return { forgotten: true };
  },
});
