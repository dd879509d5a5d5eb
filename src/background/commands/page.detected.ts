// The content script sends its page's address and signals where the worker did not hand it an
// answer (a granted site, a single-page move the worker did not see); the worker detects what the page is
// about (the content script carries no detector), remembers it for the tab (the popup and the
// context menu read it), sets the tab's toolbar icon, and answers with what the page may hear:
// an offer of an enrolled vendor, or nothing; with an offer it will show, the wording of what it shows.
import * as v from 'valibot';
import { detectPage } from '../../core/detect';
import { DomSignalsSchema } from '../../core/messages/detection';
import { webUrl } from '../../core/schema/url';
import { CommandFailure } from '../errors';
import { reportOrForgetPage, sameOrigin, withPageWords } from '../pages';
import { command } from './command';

export default command({
  name: 'page.detected',
  callers: ['content'],
  payload: v.strictObject({ url: webUrl('url'), signals: DomSignalsSchema }),
  async handle({ url, signals }, ctx, s) {
    if (ctx.tabId === undefined || !sameOrigin(url, ctx.senderUrl)) throw new CommandFailure('forbidden', 'A page may only report its own address.');
    return withPageWords(await reportOrForgetPage(s, ctx.tabId, url, detectPage(url, signals)));
  },
});
