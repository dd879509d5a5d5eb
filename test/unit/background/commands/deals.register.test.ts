import { describe, expect, it } from 'vitest';
import { enrolledWorker, value } from '../world';

describe('deals.register', () => {
  it('stores the deal durably, normalised, and delivers it', async () => {
    const world = await enrolledWorker();
    const deal = value<{ id: string; sync: string; customerDomain: string }>(
      await world.send('deals.register', { vendorId: 'acme', productId: 'mysql', customerName: 'Initech', customerDomain: 'https://www.Initech.example/about', expectedSeats: 40 }),
    );
    expect(deal).toMatchObject({ sync: 'pending', customerDomain: 'initech.example' });
    value(await world.send('sync.now'));
    expect(world.vendor.deals.has(deal.id)).toBe(true);
    expect(await world.send('deals.register', { vendorId: 'nobody', productId: 'mysql', customerName: 'X', customerDomain: 'x.example' })).toMatchObject({ ok: false, error: { code: 'not-enrolled' } });
  });
});
