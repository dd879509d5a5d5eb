import { describe, expect, it } from 'vitest';
import { createBadgeUpdater } from '../../../src/background/badge';
import { BADGE_COLORS } from '../../../src/core/sync/badge';
import { enrolledWorker } from './world';

const create = { vendorId: 'acme', productId: 'mysql', offerId: 'enterprise', channel: 'forum-answer' };

function surface() {
  const shown = { text: '', color: '', updates: 0 };
  return {
    shown,
    setBadgeText: ({ text }: { text: string }) => void ((shown.text = text), shown.updates++),
    setBadgeBackgroundColor: ({ color }: { color: string }) => void (shown.color = color),
  };
}

describe('toolbar badge', () => {
  it('shows unsynced items, then new conversions, then "!" for a vendor asking to re-enrol', async () => {
    const world = await enrolledWorker();
    const s = surface();
    const badge = createBadgeUpdater(world.db, world.health, s);
    await badge.refresh();
    expect(s.shown.text).toBe('');

    await world.send('referrals.create', create);
    await world.send('referrals.create', create);
    await badge.refresh();
    expect(s.shown).toMatchObject({ text: '2', color: BADGE_COLORS.unsynced });

    world.vendor.statsBody = {
      practitionerId: 'p1',
      currency: 'USD',
      generatedAt: '2026-03-01T10:00:00Z',
      totals: { referrals: 2, clicks: 9, conversions: 3, commission: { pending: 0, approved: 0, paid: 0, reversed: 0 } },
      referrals: [],
    };
    await world.send('sync.now');
    await badge.refresh();
    expect(s.shown).toMatchObject({ text: '+3', color: BADGE_COLORS.conversions });

    await world.send('activity.get', { markSeen: true });
    await badge.refresh();
    expect(s.shown.text).toBe('');

    await world.send('referrals.create', create);
    world.vendor.script = [{ kind: 'status', status: 401 }];
    await world.send('sync.now');
    await badge.refresh();
    expect(s.shown).toMatchObject({ text: '!', color: BADGE_COLORS.error });
  });

  it('shows "!" for a storage problem and coalesces bursts of refreshes', async () => {
    const world = await enrolledWorker();
    const s = surface();
    const badge = createBadgeUpdater(world.db, world.health, s);
    world.health.report('storage-full', 'full');
    await Promise.all([badge.refresh(), badge.refresh(), badge.refresh(), badge.refresh()]);
    expect(s.shown.text).toBe('!');
    expect(s.shown.updates).toBeLessThanOrEqual(2);
  });
});
