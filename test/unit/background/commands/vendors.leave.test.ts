import { describe, expect, it } from 'vitest';
import { CREATE, enrolledWorker, OPTIONS, value } from '../world';

describe('vendors.leave', () => {
  it('tells the vendor and removes secrets, stats and catalog', async () => {
    const world = await enrolledWorker();
    value(await world.send('referrals.create', CREATE));
    const left = value<{ removed: boolean; vendorNotified: boolean }>(await world.send('vendors.leave', { vendorId: 'acme' }, OPTIONS));
    expect(left).toEqual({ removed: true, vendorNotified: true });
    expect(world.enrolment.deleted).toBe(1);
    const conn = await world.db.get();
    expect(await conn.count('secrets')).toBe(0);
    expect(await conn.count('vendors')).toBe(0);
    expect(await conn.count('catalogs')).toBe(0);
    expect(await conn.count('referrals')).toBe(1);
  });

  it('works offline (the vendor cannot be told)', async () => {
    const world = await enrolledWorker();
    world.vendor.script = [{ kind: 'reset' }];
    expect(value(await world.send('vendors.leave', { vendorId: 'acme' }, OPTIONS))).toEqual({ removed: true, vendorNotified: false });
    expect(await (await world.db.get()).count('secrets')).toBe(0);
  });
});
