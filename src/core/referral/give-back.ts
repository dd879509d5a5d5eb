// A give-back: the practitioner pledges a share of the commission to the upstream project's
// funding link. One schema, used by the referral record, its request and the share text.
import * as v from 'valibot';
import { httpsUrl } from '../schema';

const PERCENT = 'give-back percent must be a whole number between 1 and 100';

export const isGiveBackPercent = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 100;

export const GiveBackSchema = v.object({
  url: httpsUrl('give-back URL'),
  percent: v.pipe(v.number(PERCENT), v.check(isGiveBackPercent, PERCENT)),
});
export type GiveBack = v.InferOutput<typeof GiveBackSchema>;
