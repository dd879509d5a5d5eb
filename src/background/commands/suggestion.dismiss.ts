// The practitioner closed the in-page suggestion (×: not this product on this site again), or
// chose "Not on this site" or "Not for this product". Remembered in settings; the page may only
// speak for its own site. Answers what the page may hear now.
import * as v from 'valibot';
import { slug } from '../../core/schema';
import { normaliseDomain } from '../../core/schema/domain';
import { CommandFailure } from '../errors';
import { reportPage } from '../pages';
import { dismiss } from '../settings';
import { command } from './command';

export default command({
  name: 'suggestion.dismiss',
  callers: ['content'],
  payload: v.strictObject({ productId: slug('productId'), scope: v.picklist(['here', 'site', 'product'], 'scope must be here, site or product') }),
  async handle({ productId, scope }, ctx, s) {
    const host = ctx.senderUrl === undefined ? null : normaliseDomain(ctx.senderUrl);
    if (ctx.tabId === undefined || host === null) throw new CommandFailure('forbidden', 'Only a page in a tab can dismiss its suggestion.');
    await dismiss(await s.db.get(), scope, productId, host);
    const page = await s.tabs.recall(ctx.tabId);
    return page ? reportPage(s, ctx.tabId, page.url, page.detection) : { suggestion: null, inPage: false, reply: null };
  },
});
