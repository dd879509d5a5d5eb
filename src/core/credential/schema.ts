// The certification credential: Open Badges 3.0 / VC 2.0 shaped, as agreed in the vendor
// protocol. Objects are loose because Open Badges allows more members (description, image…);
// the signature covers them all, so extra members are carried, never stripped.
import * as v from 'valibot';

export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const CRYPTOSUITE = 'advocate-eddsa-jcs-2025';
export const ACHIEVEMENT_LEVELS = ['associate', 'professional', 'expert'] as const;
export type AchievementLevel = (typeof ACHIEVEMENT_LEVELS)[number];

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** An RFC 3339 date-time with an explicit zone that also names a real instant. */
export function isDateTime(text: string): boolean {
  return DATE_TIME.test(text) && Number.isFinite(Date.parse(text));
}

const dateTime = v.pipe(
  v.string(),
  v.check(isDateTime, 'must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T12:00:00Z'),
);
// Not trimmed: ids are compared exactly, and the signature covers them as written.
const nonEmpty = v.pipe(v.string(), v.check((s) => s.trim() !== '', 'must not be empty'));
const typesIncluding = (...required: string[]) =>
  v.pipe(
    v.array(v.string()),
    v.check((types) => required.every((t) => types.includes(t)), `must include ${required.map((t) => `"${t}"`).join(' and ')}`),
  );

export const AchievementLevelSchema = v.picklist(ACHIEVEMENT_LEVELS, `level must be one of ${ACHIEVEMENT_LEVELS.join(', ')}`);

const credentialMembers = {
  '@context': v.pipe(
    v.array(v.string()),
    v.check((ctx) => ctx[0] === VC_CONTEXT_V2, `must start with "${VC_CONTEXT_V2}"`),
  ),
  id: nonEmpty,
  type: typesIncluding('VerifiableCredential', 'OpenBadgeCredential'),
  issuer: v.looseObject({
    id: nonEmpty,
    type: v.optional(v.array(v.string())),
    name: v.optional(v.string()),
  }),
  validFrom: dateTime,
  validUntil: v.optional(dateTime),
  credentialSubject: v.looseObject({
    id: nonEmpty,
    type: v.optional(v.array(v.string())),
    name: v.optional(v.string()),
    achievement: v.looseObject({
      id: nonEmpty,
      type: typesIncluding('Achievement'),
      name: nonEmpty,
      productId: nonEmpty,
      level: AchievementLevelSchema,
    }),
  }),
};

const validityInOrder = (c: { validFrom: string; validUntil?: string | undefined }) =>
  c.validUntil === undefined || Date.parse(c.validUntil) > Date.parse(c.validFrom);
const ORDER_MESSAGE = 'validUntil must be later than validFrom';

export const ProofSchema = v.looseObject({
  type: v.literal('DataIntegrityProof', 'proof.type must be "DataIntegrityProof"'),
  cryptosuite: v.literal(CRYPTOSUITE, `proof.cryptosuite must be "${CRYPTOSUITE}"`),
  created: dateTime,
  verificationMethod: nonEmpty,
  proofPurpose: v.literal('assertionMethod', 'proof.proofPurpose must be "assertionMethod"'),
  proofValue: nonEmpty,
});

export const UnsignedCredentialSchema = v.pipe(
  v.looseObject(credentialMembers),
  v.check((c) => validityInOrder(c), ORDER_MESSAGE),
);
export const SignedCredentialSchema = v.pipe(
  v.looseObject({ ...credentialMembers, proof: ProofSchema }),
  v.check((c) => validityInOrder(c), ORDER_MESSAGE),
);

export type CredentialProof = v.InferOutput<typeof ProofSchema>;
export type UnsignedCredential = v.InferOutput<typeof UnsignedCredentialSchema>;
export type SignedCredential = v.InferOutput<typeof SignedCredentialSchema>;

export { describeIssues } from '../describe-issues';
