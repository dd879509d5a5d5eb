import { describe, expect, it } from 'vitest';
import type { ActivityView, ReferralView } from '../../../../src/core/messages/views';
import { CREATE, enrolledWorker, OPTIONS, value } from '../world';

describe('outbox.retry', () => {
  it('a referral the vendor refused is shown with its error; a retry re-queues and delivers it', async () => {
    const world = await enrolledWorker();
    const { referral } = value<{ referral: ReferralView }>(await world.send('referrals.create', CREATE));
    world.vendor.script = [{ kind: 'reject-ids', ids: new Set([referral.id]) }];
    value(await world.send('sync.now'));
    const activity = value<ActivityView>(await world.send('activity.get'));
    expect(activity.parked).toEqual([expect.objectContaining({ id: referral.id, sync: 'parked', canRetry: true, error: expect.stringMatching(/Unknown offer/) })]);
    expect(activity.problems.map((p) => p.code)).toContain('parked-items');
    expect(value<{ requeued: boolean }>(await world.send('outbox.retry', { id: referral.id })).requeued).toBe(true);
    expect(value<{ requeued: boolean }>(await world.send('outbox.retry', { id: referral.id })).requeued).toBe(false);
    value(await world.send('sync.now'));
    expect(value<ActivityView>(await world.send('activity.get')).referrals[0]).toMatchObject({ sync: 'synced' });
  });

  it('offers no retry, and refuses one, where it cannot succeed: the vendor was left', async () => {
    const world = await enrolledWorker();
    const { referral } = value<{ referral: ReferralView }>(await world.send('referrals.create', CREATE));
    world.vendor.script = [{ kind: 'reject-ids', ids: new Set([referral.id]) }];
    value(await world.send('sync.now'));
    value(await world.send('vendors.leave', { vendorId: 'acme' }, OPTIONS));
    const [parked] = value<ActivityView>(await world.send('activity.get')).parked;
    expect(parked).toMatchObject({ id: referral.id, sync: 'parked' });
    expect(parked!.canRetry).toBeUndefined();
    expect(value(await world.send('outbox.retry', { id: referral.id }))).toEqual({ requeued: false });
    expect(await (await world.db.get()).get('referrals', referral.id)).toMatchObject({ sync: 'parked' });
  });
});
