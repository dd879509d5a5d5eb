// Leaves a vendor: it is told (best effort), its secrets and catalog go; what was not delivered stays.
import * as v from 'valibot';
import { slug } from '../../core/schema';
import { leave } from '../enrol';
import { command } from './command';

export default command({
  name: 'vendors.leave',
  callers: ['options'],
  payload: v.strictObject({ vendorId: slug('vendorId') }),
  async handle({ vendorId }, _ctx, s) {
    const result = await leave(s, vendorId);
    s.catalogs.invalidate();
    s.refreshBadge();
    return result;
  },
});
