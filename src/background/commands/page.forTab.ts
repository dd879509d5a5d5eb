// The popup asks what the tab it is about shows: the page's address and its match, or null when
// no page of that tab was reported (or it navigated away since).
import * as v from 'valibot';
import { pageOfTab } from '../pages';
import { command } from './command';

export default command({
  name: 'page.forTab',
  callers: ['popup'],
  payload: v.strictObject({ tabId: v.pipe(v.number('tabId must be a number'), v.integer(), v.minValue(0)) }),
  handle: ({ tabId }, _ctx, s) => pageOfTab(s, tabId),
});
