// Public vendor routes, enrolment and credentials.
import * as v from 'valibot';
import { Ed25519PublicJwkSchema } from '../credential/ed25519';
import { ACHIEVEMENT_LEVELS, AchievementLevelSchema, SignedCredentialSchema } from '../credential/schema';
import { dateTime, nonEmptyText, slugId, text } from './common';

export const HealthSchema = v.object({ ok: v.literal(true) });

export const VendorInfoSchema = v.object({
  id: slugId,
  name: v.string(),
  homepage: v.string(),
  publicKeyJwk: Ed25519PublicJwkSchema,
  keyId: v.string(),
});
export type VendorInfo = v.InferOutput<typeof VendorInfoSchema>;

export const RevocationListSchema = v.object({
  revoked: v.array(v.string()),
  updatedAt: dateTime,
});
export type RevocationList = v.InferOutput<typeof RevocationListSchema>;

export const EnrolRequestSchema = v.object({
  code: nonEmptyText(128),
  client: v.optional(v.object({ name: text(100), version: text(50) })),
});
export type EnrolRequest = v.InferOutput<typeof EnrolRequestSchema>;

export const PractitionerSchema = v.object({
  id: v.string(),
  number: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff)),
  displayName: v.string(),
  email: v.string(),
});
export type Practitioner = v.InferOutput<typeof PractitionerSchema>;

export const EnrolResponseSchema = v.object({
  practitioner: PractitionerSchema,
  vendor: VendorInfoSchema,
  accessToken: v.pipe(v.string(), v.minLength(20)),
  referralSecret: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes in base64url')),
  credentials: v.array(SignedCredentialSchema),
});
export type EnrolResponse = v.InferOutput<typeof EnrolResponseSchema>;

export { ACHIEVEMENT_LEVELS, AchievementLevelSchema };
