// The practitioner registers a customer they work with, so the sale is attributed by domain.
import { DealRequestSchema } from '../../core/referral/deal';
import { registerDeal } from '../referrals';
import { dealView } from '../reports';
import { command } from './command';

export default command({
  name: 'deals.register',
  callers: ['popup'],
  payload: DealRequestSchema,
  handle: async (request, _ctx, s) => dealView(await registerDeal(s, request)),
});
