// Builds an unsigned certification credential, an Open Badges 3.0 OpenBadgeCredential, so the
// endpoint (issuer) and tests never spell the JSON-LD boilerplate by hand.
import * as v from 'valibot';
import {
  OB_CONTEXT_V3,
  UnsignedCredentialSchema,
  VC_CONTEXT_V2,
  describeIssues,
  type AchievementLevel,
  type UnsignedCredential,
} from './schema';
import type { StatusListEntry } from './status-list';

export class CredentialFormatError extends Error {
  override name = 'CredentialFormatError';
}

export interface CertificationInput {
  /** Defaults to a fresh `urn:uuid:` id. */
  id?: string;
  /** A DID (did:web of the endpoint, or did:key) or URL, so any verifier can tie the issuer to its key. */
  issuer: { id: string; name: string; url?: string };
  subject: { practitionerId: string; name: string };
  achievement: {
    vendorId: string;
    productId: string;
    level: AchievementLevel;
    name: string;
    /** What the certification says about its holder; defaults to a sentence from name and issuer. */
    description?: string;
    /** How it is earned (Open Badges `criteria.narrative`); defaults to a sentence from level and issuer. */
    criteria?: string;
    /** A page describing the criteria (Open Badges `criteria.id`). */
    criteriaUrl?: string;
  };
  validFrom: Date | string;
  validUntil?: Date | string;
  /** From statusListEntry(): where verifiers look up revocation. */
  status?: StatusListEntry;
}

const iso = (t: Date | string) => (typeof t === 'string' ? t : t.toISOString());

export const achievementId = (vendorId: string, productId: string, level: AchievementLevel) =>
  `urn:advocate:achievement:${vendorId}:${productId}:${level}`;
export const practitionerSubjectId = (practitionerId: string) => `urn:advocate:practitioner:${practitionerId}`;

/** Throws CredentialFormatError listing every problem when the result would not be a valid credential. */
export function newCertificationCredential(input: CertificationInput): UnsignedCredential {
  const { achievement, issuer } = input;
  const draft = {
    '@context': [VC_CONTEXT_V2, OB_CONTEXT_V3],
    id: input.id ?? `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: achievement.name,
    issuer: { id: issuer.id, type: ['Profile'], name: issuer.name, ...(issuer.url === undefined ? {} : { url: issuer.url }) },
    validFrom: iso(input.validFrom),
    ...(input.validUntil === undefined ? {} : { validUntil: iso(input.validUntil) }),
    credentialSubject: {
      id: practitionerSubjectId(input.subject.practitionerId),
      type: ['AchievementSubject'],
      name: input.subject.name,
      achievement: {
        id: achievementId(achievement.vendorId, achievement.productId, achievement.level),
        type: ['Achievement'],
        achievementType: 'Certification',
        name: achievement.name,
        description: achievement.description ?? `${achievement.name}, a certification awarded by ${issuer.name}.`,
        criteria: {
          ...(achievement.criteriaUrl === undefined ? {} : { id: achievement.criteriaUrl }),
          narrative: achievement.criteria ?? `Assessed by ${issuer.name} at the ${achievement.level} level.`,
        },
        productId: achievement.productId,
        level: achievement.level,
      },
    },
    ...(input.status === undefined ? {} : { credentialStatus: input.status }),
  };
  const parsed = v.safeParse(UnsignedCredentialSchema, draft);
  if (!parsed.success) throw new CredentialFormatError(`Invalid certification credential: ${describeIssues(parsed.issues)}`);
  return parsed.output;
}
