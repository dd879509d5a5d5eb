// What a practitioner sees of their own referrals.
import * as v from 'valibot';
import { count, currency, dateTime } from './common';

export const CommissionByStateSchema = v.object({
  pending: count,
  approved: count,
  paid: count,
  reversed: count,
});
export type CommissionByState = v.InferOutput<typeof CommissionByStateSchema>;

export const ReferralStatsSchema = v.object({
  id: v.string(),
  code: v.string(),
  productId: v.string(),
  offerId: v.string(),
  clicks: count,
  conversions: count,
  commission: CommissionByStateSchema,
  lastClickAt: v.optional(dateTime),
  lastConversionAt: v.optional(dateTime),
});
export type ReferralStats = v.InferOutput<typeof ReferralStatsSchema>;

export const StatsResponseSchema = v.object({
  practitionerId: v.string(),
  currency,
  generatedAt: dateTime,
  totals: v.object({
    referrals: count,
    clicks: count,
    conversions: count,
    commission: CommissionByStateSchema,
  }),
  referrals: v.array(ReferralStatsSchema),
});
export type StatsResponse = v.InferOutput<typeof StatsResponseSchema>;
