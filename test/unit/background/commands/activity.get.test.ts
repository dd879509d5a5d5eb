import { describe, expect, it } from 'vitest';
import type { ActivityView, ReferralView } from '../../../../src/core/messages/views';
import { CREATE, enrolledWorker, statsFor, value } from '../world';

describe('activity.get', () => {
  it('shows recent referrals with names, stats and totals; markSeen clears new conversions', async () => {
    const world = await enrolledWorker();
    const { referral } = value<{ referral: ReferralView }>(await world.send('referrals.create', CREATE));
    expect(value<ActivityView>(await world.send('activity.get'))).toMatchObject({ unsynced: 1, referrals: [{ id: referral.id, sync: 'pending' }] });
    world.vendor.statsBody = statsFor(referral);
    value(await world.send('sync.now'));
    const activity = value<ActivityView>(await world.send('activity.get'));
    expect(activity.referrals[0]).toMatchObject({ id: referral.id, sync: 'synced', stats: { clicks: 5, conversions: 2 }, productName: 'MySQL', offerName: 'MySQL Enterprise' });
    expect(activity.totals[0]).toMatchObject({ vendorId: 'acme', clicks: 5, conversions: 2, currency: 'USD' });
    expect(activity.newConversions).toBe(2);
    expect(activity.unsynced).toBe(0);
    value(await world.send('activity.get', { markSeen: true }));
    expect(value<ActivityView>(await world.send('activity.get')).newConversions).toBe(0);
  });
});
