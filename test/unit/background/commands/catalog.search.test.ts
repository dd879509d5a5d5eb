import { describe, expect, it } from 'vitest';
import { enrolledWorker, value } from '../world';

describe('catalog.search', () => {
  it('finds products by name, enrolled vendors first', async () => {
    const world = await enrolledWorker();
    const hits = value<{ vendorId: string; productId: string; enrolled: boolean }[]>(await world.send('catalog.search', { query: 'mysql' }));
    expect(hits[0]).toMatchObject({ vendorId: 'acme', productId: 'mysql', enrolled: true });
    expect(hits.length).toBeGreaterThan(1); // the starter catalog's MySQL vendors follow
    expect(value<unknown[]>(await world.send('catalog.search', { query: 'zzzz-no-such-product' }))).toEqual([]);
  });
});
