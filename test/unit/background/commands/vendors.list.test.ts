import { describe, expect, it } from 'vitest';
import type { VendorView } from '../../../../src/core/messages/views';
import { CREATE, enrolledWorker, makeWorker, OPTIONS, value } from '../world';

describe('vendors.list', () => {
  it('lists nothing before enrolment, then the vendor with its counts, to the popup and the options page alike', async () => {
    expect(value(await makeWorker().send('vendors.list'))).toEqual({ vendors: [], problems: [] });
    const world = await enrolledWorker();
    value(await world.send('referrals.create', CREATE));
    for (const sender of [undefined, OPTIONS]) {
      const { vendors } = value<{ vendors: VendorView[] }>(await world.send('vendors.list', {}, sender));
      expect(vendors.map((v) => [v.id, v.sync.pending])).toEqual([['acme', 1]]);
    }
  });
});
