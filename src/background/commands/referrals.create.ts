// The practitioner asks for a link in the popup: a referral is made offline, stored durably,
// and answered with its link and the share texts (link + disclosure in three formats).
import { ReferralRequestSchema } from '../../core/referral/referral';
import { createReferral } from '../referrals';
import { referralView } from '../reports';
import { command } from './command';

export default command({
  name: 'referrals.create',
  callers: ['popup'],
  payload: ReferralRequestSchema,
  async handle(request, _ctx, s) {
    const { record, link, share } = await createReferral(s, request);
    return { referral: referralView(record), link, share };
  },
});
