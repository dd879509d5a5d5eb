// Public vendor routes, enrolment and credentials.
import * as v from 'valibot';
import { didKeyOf } from '../credential/did';
import { Ed25519PublicJwkSchema, multikeyOfJwk } from '../credential/ed25519';
import { decodeEd25519Multikey } from '../credential/multibase';
import { ACHIEVEMENT_LEVELS, AchievementLevelSchema, SignedCredentialSchema } from '../credential/schema';
import { dateTime, nonEmptyText, slugId, text } from './common';

export const HealthSchema = v.object({ ok: v.literal(true) });

const VendorInfoEntries = {
  id: slugId,
  name: v.string(),
  homepage: v.string(),
  publicKeyJwk: Ed25519PublicJwkSchema,
  keyId: v.string(),
  /**
   * The issuer id of the vendor's Open Badges credentials: did:web (its DID document at
   * /.well-known/did.json) or did:key. Optional: endpoints from before eddsa-jcs-2022 send none.
   */
  did: v.optional(v.pipe(v.string(), v.regex(/^did:(web|key):\S+$/, 'did must be a did:web or did:key'), v.maxLength(500))),
  /** The same key as publicKeyJwk, as an Ed25519 Multikey (z6Mk…): what DID documents and proofs name. */
  publicKeyMultibase: v.optional(v.string()),
};

/** The published key, in both spellings, must be one key; a did:key must be that key. */
function oneKey(info: { publicKeyJwk: unknown; did?: string | undefined; publicKeyMultibase?: string | undefined }): boolean {
  if ((info.did === undefined) !== (info.publicKeyMultibase === undefined)) return false;
  if (info.publicKeyMultibase === undefined) return true;
  try {
    if (!decodeEd25519Multikey(info.publicKeyMultibase) || multikeyOfJwk(info.publicKeyJwk) !== info.publicKeyMultibase) return false;
  } catch {
    return false; // not an Ed25519 JWK: the object schema says so too
  }
  return !info.did!.startsWith('did:key:') || info.did === didKeyOf(info.publicKeyMultibase);
}

export const VendorInfoSchema = v.pipe(
  v.object(VendorInfoEntries),
  v.check((info) => oneKey(info), 'did and publicKeyMultibase come together, and name the same Ed25519 key as publicKeyJwk'),
);
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
