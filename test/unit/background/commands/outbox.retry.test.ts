import { describe, expect, it } from 'vitest';
import type { ActivityView, ReferralView } from '../../../../src/core/messages/views';
import { CREATE, enrolledWorker, value } from '../world';

describe('outbox.retry', () => {
  it('a referral the vendor refused is shown with its error; a retry re-queues and delivers it', async () => {
    const world = await enrolledWorker();
    const { referral } = value<{ referral: ReferralView }>(await world.send('referrals.create', CREATE));
    world.vendor.script = [{ kind: 'reject-ids', ids: new Set([referral.id]) }];
    value(await world.send('sync.now'));
    const activity = value<ActivityView>(await world.send('activity.get'));
    expect(activity.parked).toEqual([expect.objectContaining({ id: referral.id, sync: 'parked', error: expect.stringMatching(/Unknown offer/) })]);
    expect(activity.problems.map((p) => p.code)).toContain('parked-items');
    expect(value<{ requeued: boolean }>(await world.send('outbox.retry', { id: referral.id })).requeued).toBe(true);
    expect(value<{ requeued: boolean }>(await world.send('outbox.retry', { id: referral.id })).requeued).toBe(false);
    value(await world.send('sync.now'));
    expect(value<ActivityView>(await world.send('activity.get')).referrals[0]).toMatchObject({ sync: 'synced' });
  });
});
