import { describe, expect, it } from 'vitest';
import type { ActivityView, ReferralView } from '../../../../src/core/messages/views';
import { CREATE, enrolledWorker, OPTIONS, value } from '../world';

describe('outbox.discard', () => {
  it('deletes an item kept after leaving a vendor, but never one that is waiting or delivered', async () => {
    const world = await enrolledWorker();
    const { referral: delivered } = value<{ referral: ReferralView }>(await world.send('referrals.create', CREATE));
    value(await world.send('sync.now'));
    world.vendor.fallback = { kind: 'status', status: 503 };
    const { referral: waiting } = value<{ referral: ReferralView }>(await world.send('referrals.create', CREATE));
    expect(value(await world.send('outbox.discard', { id: waiting.id }))).toEqual({ discarded: false });
    expect(value(await world.send('outbox.discard', { id: delivered.id }))).toEqual({ discarded: false });
    value(await world.send('vendors.leave', { vendorId: 'acme' }, OPTIONS));
    expect(value<ActivityView>(await world.send('activity.get')).parked.map((p) => [p.id, p.sync])).toEqual([[waiting.id, 'held']]);
    expect(value(await world.send('outbox.discard', { id: waiting.id }))).toEqual({ discarded: true });
    const conn = await world.db.get();
    expect(await conn.get('referrals', waiting.id)).toBeUndefined();
    expect(await conn.get('referrals', delivered.id)).toMatchObject({ sync: 'synced' });
  });
});
