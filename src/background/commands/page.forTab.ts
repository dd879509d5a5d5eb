// The popup asks what the tab it is about shows: the page's address, its match and how Advocate
// reads that site, or null. When no content script reported the page (a site Advocate does not
// serve, or a page of its sites whose address names nothing), the page is read once: the
// browser allows it on Advocate's sites, and elsewhere after the toolbar click that opened the popup (activeTab).
import * as v from 'valibot';
import { pageOfTab } from '../pages';
import { command } from './command';

export default command({
  name: 'page.forTab',
  callers: ['popup'],
  payload: v.strictObject({ tabId: v.pipe(v.number('tabId must be a number'), v.integer(), v.minValue(0)) }),
  handle: ({ tabId }, _ctx, s) => pageOfTab(s, tabId, { readIfUnknown: true }),
});
