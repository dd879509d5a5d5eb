// Enrols with a vendor. The only command that makes the worker fetch an address taken from a
// message, so only the options page (where the practitioner types it) may send it.
import * as v from 'valibot';
import { LIMITS, requiredText } from '../../core/schema';
import { enrol } from '../enrol';
import { vendorView } from '../reports';
import { command } from './command';

export default command({
  name: 'vendors.enrol',
  callers: ['options'],
  payload: v.strictObject({ endpoint: requiredText('endpoint', LIMITS.url), code: requiredText('enrolment code', 200) }),
  async handle({ endpoint, code }, _ctx, s) {
    const record = await enrol(s, endpoint, code);
    s.catalogs.invalidate();
    s.kick();
    s.refreshBadge();
    return vendorView(await s.db.get(), record);
  },
});
