// Vendor staff routes behind the admin token; the dashboard reads the same JSON.
import * as v from 'valibot';
import { AchievementLevelSchema } from '../credential/schema';
import { count, dateTime, nonEmptyText, slugId, uuid } from './common';
import { PractitionerSchema } from './vendor';

export const CertificationInputSchema = v.object({
  productId: slugId,
  level: AchievementLevelSchema,
  validUntil: v.optional(dateTime),
});

export const CreatePractitionerSchema = v.object({
  displayName: nonEmptyText(200),
  email: v.pipe(
    v.string('must be a string'),
    v.trim(),
    v.toLowerCase(),
    v.maxLength(254),
    v.regex(/^[^@\s]+@([a-z0-9-]+\.)+[a-z]{2,63}$/, 'must be an email address'),
  ),
  certifications: v.optional(v.pipe(v.array(CertificationInputSchema), v.maxLength(50))),
});
export type CreatePractitioner = v.InferOutput<typeof CreatePractitionerSchema>;

export const CreatePractitionerResponseSchema = v.object({
  practitioner: PractitionerSchema,
  enrolmentCode: v.string(),
});

export const CommissionIdsSchema = v.object({
  ids: v.pipe(v.array(uuid), v.minLength(1, 'ids must hold at least one id'), v.maxLength(1000)),
});
export const CommissionTransitionResponseSchema = v.object({ updated: count, skipped: v.array(v.object({ id: v.string(), reason: v.string() })) });

export const COMMISSION_STATES = ['pending', 'approved', 'paid', 'reversed'] as const;
export type CommissionState = (typeof COMMISSION_STATES)[number];

const funnelRow = { referrals: count, clicks: count, conversions: count };

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
  funnelByProduct: v.array(v.object({ productId: v.string(), ...funnelRow })),
  funnelByPractitioner: v.array(v.object({ practitionerId: v.string(), displayName: v.string(), ...funnelRow })),
  commission: v.object({ pending: count, approved: count, paid: count, reversed: count, owed: count }),
  series: v.array(v.object({ day: v.string(), clicks: count, conversions: count, commission: count })),
});
export type Dashboard = v.InferOutput<typeof DashboardSchema>;
