// "How am I doing": recent referrals and deals, totals per vendor, what waits or needs attention.
import * as v from 'valibot';
import { activity, markConversionsSeen } from '../reports';
import { command } from './command';

export default command({
  name: 'activity.get',
  callers: ['popup'],
  payload: v.optional(
    v.strictObject({
      /** The popup was opened: conversions so far are no longer new. */
      markSeen: v.optional(v.boolean()),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500))),
    }),
    {},
  ),
  async handle({ markSeen, limit }, _ctx, s) {
    const conn = await s.db.get();
    if (markSeen) await markConversionsSeen(conn);
    const index = await s.catalogs.get();
    const names = (vendorId: string, productId: string, offerId: string) => {
      const product = index.product(vendorId, productId);
      return { productName: product?.name, offerName: product?.offers.find((o) => o.id === offerId)?.name };
    };
    const view = await activity(conn, limit ?? 50, s.health.list(), names);
    if (markSeen) s.refreshBadge();
    return view;
  },
});
