import { describe, expect, it } from 'vitest';
import { CREATE, enrolledWorker, makeWorker, OPTIONS, value } from '../world';

describe('data.export', () => {
  it('round-trips referrals, deals and settings into a fresh profile, never exporting secrets', async () => {
    const world = await enrolledWorker();
    value(await world.send('referrals.create', CREATE));
    value(await world.send('deals.register', { vendorId: 'acme', productId: 'mysql', customerName: 'Initech', customerDomain: 'initech.example' }));
    const exported = value<{ json: string; fileName: string }>(await world.send('data.export', {}, OPTIONS));
    expect(exported.fileName).toMatch(/^advocate-export-2026-03-01\.json$/);
    expect(exported.json).not.toContain(world.vendor.token);
    expect(exported.json).not.toContain(world.enrolment.referralSecret);

    const fresh = makeWorker();
    expect(value(await fresh.send('data.import', { json: exported.json }, OPTIONS))).toEqual({ referralsAdded: 1, dealsAdded: 1, skippedExisting: 0, settingsImported: true });
    expect(await (await fresh.db.get()).count('referrals')).toBe(1);
  });
});
