// One certification as the vendor signed it: a JSON file any Open Badges 3.0 verifier accepts,
// and the vendor's public address for it (a link or QR code a client opens). No secret is in it.
import * as v from 'valibot';
import { slug } from '../../core/schema';
import { exportCredential } from '../credentials';
import { t } from '../../ui/i18n';
import { CommandFailure } from '../errors';
import { command } from './command';

export default command({
  name: 'credentials.export',
  callers: ['options'],
  payload: v.strictObject({ vendorId: slug('vendorId'), credentialId: v.pipe(v.string('credentialId must be text'), v.minLength(1), v.maxLength(200, 'credentialId is too long')) }),
  async handle({ vendorId, credentialId }, _ctx, s) {
    const vendor = await (await s.db.get()).get('vendors', vendorId);
    if (!vendor) throw new CommandFailure('not-enrolled', t('notEnrolled', vendorId));
    const exported = exportCredential(vendor, credentialId);
    if (!exported) throw new CommandFailure('unknown-credential', t('credentialNotIssued', vendor.name, credentialId.slice(0, 80)));
    return exported;
  },
});
