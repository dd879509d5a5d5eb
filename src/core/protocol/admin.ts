// Vendor staff routes behind the admin token; the dashboard reads the same JSON.
import * as v from 'valibot';
import { AchievementLevelSchema } from '../credential/schema';
import { LIMITS } from '../schema';
import { count, currency, dateTime, email, nonEmptyText, signedAmount, slugId, uuid } from './common';
import { PractitionerSchema } from './vendor';

export const CertificationInputSchema = v.object({
  productId: slugId,
  level: AchievementLevelSchema,
  /** Must be in the future: a certification is never issued already expired. */
  validUntil: v.optional(dateTime),
});

export const CreatePractitionerSchema = v.object({
  displayName: nonEmptyText(LIMITS.displayName, 'displayName'),
  email,
  certifications: v.optional(v.pipe(v.array(CertificationInputSchema), v.maxLength(50))),
});
export type CreatePractitioner = v.InferOutput<typeof CreatePractitionerSchema>;

export const CreatePractitionerResponseSchema = v.object({
  practitioner: PractitionerSchema,
  enrolmentCode: v.string(),
});

/** A fresh one-time code for a practitioner who left (or lost their browser): number and referral secret stay. */
export const EnrolmentCodeResponseSchema = v.object({ practitionerId: v.string(), enrolmentCode: v.string(), expiresAt: dateTime });

export const IdsSchema = v.object({
  ids: v.pipe(v.array(uuid), v.minLength(1, 'ids must hold at least one id'), v.maxLength(1000)),
});
export const TransitionResponseSchema = v.object({ updated: count, skipped: v.array(v.object({ id: v.string(), reason: v.string() })) });

export const COMMISSION_STATES = ['pending', 'approved', 'paid', 'reversed'] as const;
export type CommissionState = (typeof COMMISSION_STATES)[number];

/** Why a commission row exists, in parts a program can check and in one sentence a person reads. */
export const CommissionReasonSchema = v.object({
  attribution: v.picklist(['code', 'deal']),
  code: v.optional(v.string()),
  clickId: v.optional(v.string()),
  clickedAt: v.optional(dateTime),
  dealId: v.optional(v.string()),
  offerId: v.optional(v.string()),
  terms: v.object({ kind: v.picklist(['percent', 'fixed']), value: v.number(), period: v.string() }),
  level: v.nullable(AchievementLevelSchema),
  bonus: v.number(),
  exchange: v.optional(v.object({ from: currency, amount: count, rate: v.number() })),
  text: v.string(),
});
export type CommissionReason = v.InferOutput<typeof CommissionReasonSchema>;

export const CommissionSchema = v.object({
  id: v.string(),
  kind: v.picklist(['order', 'clawback']),
  conversionId: v.string(),
  orderId: v.string(),
  practitionerId: v.string(),
  /** What this row pays now, after refunds (a clawback is negative). */
  amount: signedAmount,
  /** What the order earned before any refund. */
  gross: signedAmount,
  currency,
  state: v.picklist(COMMISSION_STATES),
  selfReferral: v.boolean(),
  statementId: v.nullable(v.string()),
  reason: CommissionReasonSchema,
  note: v.string(),
  createdAt: dateTime,
  updatedAt: dateTime,
});
export type CommissionView = v.InferOutput<typeof CommissionSchema>;
export const CommissionListSchema = v.object({ commissions: v.array(CommissionSchema) });

export const DEAL_STATES = ['pending', 'approved', 'declined'] as const;
export const DealViewSchema = v.object({
  id: v.string(),
  practitionerId: v.string(),
  practitionerName: v.string(),
  productId: v.string(),
  customerName: v.string(),
  customerDomain: v.string(),
  expectedSeats: v.optional(count),
  note: v.optional(v.string()),
  status: v.picklist(DEAL_STATES),
  /** When the endpoint received it: the deal's registration time. */
  registeredAt: dateTime,
  expiresAt: dateTime,
  expired: v.boolean(),
  reviewedAt: v.optional(dateTime),
});
export type DealView = v.InferOutput<typeof DealViewSchema>;
export const DealListSchema = v.object({ deals: v.array(DealViewSchema) });

export const ClosePeriodSchema = v.object({ periodEnd: v.optional(dateTime) });

const funnelRow = { referrals: count, clicks: count, conversions: count };

export const CERTIFICATION_STATES = ['active', 'expiring', 'expired', 'revoked'] as const;
/** One certification on the dashboard; `expiring`: valid for 30 days or less. */
export const CertificationRowSchema = v.object({
  credentialId: v.string(),
  practitionerId: v.string(),
  practitionerName: v.string(),
  productId: v.string(),
  productName: v.string(),
  level: AchievementLevelSchema,
  validFrom: dateTime,
  validUntil: v.optional(dateTime),
  /** When the signed credential was first handed out (absent: the practitioner has not enrolled yet). */
  issuedAt: v.optional(dateTime),
  revokedAt: v.optional(dateTime),
  state: v.picklist(CERTIFICATION_STATES),
});
export type CertificationRow = v.InferOutput<typeof CertificationRowSchema>;

export const DashboardSchema = v.object({
  generatedAt: dateTime,
  currency: v.string(),
  practitioners: v.array(
    v.object({
      ...PractitionerSchema.entries,
      enrolled: v.boolean(),
      certifications: v.array(v.object({ credentialId: v.string(), productId: v.string(), level: AchievementLevelSchema, validUntil: v.optional(dateTime), revoked: v.boolean() })),
    }),
  ),
  funnelByProduct: v.array(v.object({ productId: v.string(), productName: v.optional(v.string()), ...funnelRow })),
  funnelByPractitioner: v.array(v.object({ practitionerId: v.string(), displayName: v.string(), ...funnelRow })),
  commission: v.object({ pending: count, approved: count, paid: count, reversed: count, owed: count }),
  dealsPending: count,
  certifications: v.array(CertificationRowSchema),
  series: v.array(v.object({ day: v.string(), clicks: count, conversions: count, commission: count })),
});
export type Dashboard = v.InferOutput<typeof DashboardSchema>;
