// The content script sends its page's address and signals; the worker detects what the page is
// about (the content script carries no detector), remembers it for the tab (the popup and the
// context menu read it), sets the tab's toolbar icon, and answers with what the page may hear:
// an offer of an enrolled vendor, or nothing; with an offer it will show, the wording of what it shows.
import * as v from 'valibot';
import { detectPage } from '../../core/detect';
import { DomSignalsSchema } from '../../core/messages/detection';
import { wordTemplates } from '../../content/words';
import { webUrl } from '../../core/schema/url';
import { CommandFailure } from '../errors';
import { reportOrForgetPage, sameOrigin } from '../pages';
import { command } from './command';

/** The browser's wording; none where there is no browser (the unit tests' worker). */
const getMessage = (key: string, subs: string[]): string => (globalThis as { chrome?: typeof chrome }).chrome?.i18n?.getMessage(key, subs) ?? '';

export default command({
  name: 'page.detected',
  callers: ['content'],
  payload: v.strictObject({ url: webUrl('url'), signals: DomSignalsSchema }),
  async handle({ url, signals }, ctx, s) {
    if (ctx.tabId === undefined || !sameOrigin(url, ctx.senderUrl)) throw new CommandFailure('forbidden', 'A page may only report its own address.');
    const view = await reportOrForgetPage(s, ctx.tabId, url, detectPage(url, signals));
    // The page's wording comes with an answer it will show (src/content/words.ts says why).
    return view.suggestion && view.inPage ? { ...view, words: wordTemplates(getMessage) } : view;
  },
});
