import { describe, expect, it } from 'vitest';
import { CREATE, enrolledWorker, OPTIONS, value } from '../world';

describe('vendors.leave', () => {
  it('tells the vendor, removes secrets, stats and catalog, and keeps what was not delivered, saying so', async () => {
    const world = await enrolledWorker();
    world.vendor.fallback = { kind: 'status', status: 503 };
    value(await world.send('referrals.create', CREATE));
    world.vendor.fallback = { kind: 'normal' };
    const left = value<{ removed: boolean; vendorNotified: boolean }>(await world.send('vendors.leave', { vendorId: 'acme' }, OPTIONS));
    expect(left).toEqual({ removed: true, vendorNotified: true });
    expect(world.enrolment.deleted).toBe(1);
    const conn = await world.db.get();
    expect(await conn.count('secrets')).toBe(0);
    expect(await conn.count('vendors')).toBe(0);
    expect(await conn.count('catalogs')).toBe(0);
    const [kept] = await conn.getAll('referrals');
    expect(kept).toMatchObject({ sync: 'held', error: expect.stringMatching(/You left Acme Data before this was delivered\. It is kept on this device/) });
  });

  it('works offline (the vendor cannot be told)', async () => {
    const world = await enrolledWorker();
    world.vendor.script = [{ kind: 'reset' }];
    expect(value(await world.send('vendors.leave', { vendorId: 'acme' }, OPTIONS))).toEqual({ removed: true, vendorNotified: false });
    expect(await (await world.db.get()).count('secrets')).toBe(0);
  });
});
