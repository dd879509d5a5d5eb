// Builds an unsigned certification credential in the agreed shape, so the endpoint (issuer)
// and tests never spell the JSON-LD boilerplate by hand.
import * as v from 'valibot';
import {
  OB_CONTEXT_V3,
  UnsignedCredentialSchema,
  VC_CONTEXT_V2,
  describeIssues,
  type AchievementLevel,
  type UnsignedCredential,
} from './schema';

export class CredentialFormatError extends Error {
  override name = 'CredentialFormatError';
}

export interface CertificationInput {
  /** Defaults to a fresh `urn:uuid:` id. */
  id?: string;
  issuer: { id: string; name: string };
  subject: { practitionerId: string; name: string };
  achievement: { vendorId: string; productId: string; level: AchievementLevel; name: string };
  validFrom: Date | string;
  validUntil?: Date | string;
}

const iso = (t: Date | string) => (typeof t === 'string' ? t : t.toISOString());

export const achievementId = (vendorId: string, productId: string, level: AchievementLevel) =>
  `urn:advocate:achievement:${vendorId}:${productId}:${level}`;
export const practitionerSubjectId = (practitionerId: string) => `urn:advocate:practitioner:${practitionerId}`;

/** Throws CredentialFormatError listing every problem when the result would not be a valid credential. */
export function newCertificationCredential(input: CertificationInput): UnsignedCredential {
  const draft = {
    '@context': [VC_CONTEXT_V2, OB_CONTEXT_V3],
    id: input.id ?? `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: input.issuer.id, type: ['Profile'], name: input.issuer.name },
    validFrom: iso(input.validFrom),
    ...(input.validUntil === undefined ? {} : { validUntil: iso(input.validUntil) }),
    credentialSubject: {
      id: practitionerSubjectId(input.subject.practitionerId),
      type: ['AchievementSubject'],
      name: input.subject.name,
      achievement: {
        id: achievementId(input.achievement.vendorId, input.achievement.productId, input.achievement.level),
        type: ['Achievement'],
        name: input.achievement.name,
        productId: input.achievement.productId,
        level: input.achievement.level,
      },
    },
  };
  const parsed = v.safeParse(UnsignedCredentialSchema, draft);
  if (!parsed.success) throw new CredentialFormatError(`Invalid certification credential: ${describeIssues(parsed.issues)}`);
  return parsed.output;
}
