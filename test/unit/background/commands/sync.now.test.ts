import { describe, expect, it } from 'vitest';
import { createSyncer } from '../../../../src/background/sync';
import type { ActivityView, ReferralView, SyncReportView } from '../../../../src/core/messages/views';
import { FakeVendor, memoryLock, seedReferrals, seedVendor } from '../helpers';
import { CREATE, enrolledWorker, makeWorker, statsFor, value } from '../world';

describe('sync.now', () => {
  it('delivers, then activity.get shows the stats and new conversions', async () => {
    const world = await enrolledWorker();
    const { referral } = value<{ referral: ReferralView }>(await world.send('referrals.create', CREATE));
    world.vendor.statsBody = statsFor(referral);
    const report = value<SyncReportView>(await world.send('sync.now'));
    expect(report.accepted).toBe(1);
    expect(world.vendor.referrals.has(referral.id)).toBe(true);
    const activity = value<ActivityView>(await world.send('activity.get'));
    expect(activity.referrals[0]).toMatchObject({ id: referral.id, sync: 'synced', stats: { clicks: 5, conversions: 2 } });
    expect(activity.newConversions).toBe(2);
  });

  it('waits for a sync another context holds the lock for, then runs its own pass', async () => {
    const lock = memoryLock();
    let release!: () => void;
    const other = lock(() => new Promise<void>((r) => (release = r)));
    const vendor = new FakeVendor();
    const world = makeWorker({ vendor });
    await seedVendor(world.db);
    await seedReferrals(world.db, 2);
    const syncer = createSyncer({ db: world.db, fetch: vendor.fetch, now: world.time.now, random: Math.random, withLock: lock });
    const mine = syncer.syncAll({ force: true });
    expect(vendor.requests).toHaveLength(0); // still waiting for the other holder
    release();
    await other;
    expect(await mine).toMatchObject({ sent: 2, accepted: 2 });
    expect(vendor.referrals.size).toBe(2);
  });
});
