// The certification credential: an Open Badges 3.0 OpenBadgeCredential on the VC 2.0 data model,
// as the vendor protocol carries it. Objects are loose because Open Badges allows more members
// (image, alignment…); the signature covers them all, so extra members are carried, never
// stripped. Nothing here transforms a value: what is parsed is what was signed.
import * as v from 'valibot';
import { parseInstant } from '../schema/time';
import { EDDSA_JCS_2022 } from './eddsa-jcs-2022';
import { StatusListEntrySchema } from './status-list';

export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const OB_CONTEXTS = ['context.json', 'context-3.0.1.json', 'context-3.0.2.json', 'context-3.0.3.json'].map((f) => `https://purl.imsglobal.org/spec/ob/v3p0/${f}`);
/**
 * Contexts whose terms this verifier knows. JCS signs the JSON, not its JSON-LD meaning, so a
 * context nobody here has read could make the same JSON mean something else: it is refused.
 * The W3C examples context is known so the W3C test vectors verify.
 */
export const KNOWN_CONTEXTS: ReadonlySet<string> = new Set([
  VC_CONTEXT_V2,
  ...OB_CONTEXTS,
  'https://www.w3.org/ns/credentials/examples/v2',
  'https://w3id.org/security/data-integrity/v2',
]);
export const isOpenBadgesContext = (context: string): boolean => OB_CONTEXTS.includes(context);
export const OPEN_BADGE_TYPES = ['OpenBadgeCredential', 'AchievementCredential'] as const;

/** The suite new credentials are signed with. */
export const CRYPTOSUITE = EDDSA_JCS_2022;
/** Advocate's own earlier suite (Ed25519 over the JCS document, base64url): verified until such credentials expire, never issued. */
export const LEGACY_CRYPTOSUITE = 'advocate-eddsa-jcs-2025';

export const ACHIEVEMENT_LEVELS = ['associate', 'professional', 'expert'] as const;
export type AchievementLevel = (typeof ACHIEVEMENT_LEVELS)[number];

/** An RFC 3339 date-time with an explicit zone that names a real instant. */
export const isDateTime = (text: string): boolean => parseInstant(text) !== null;

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
    v.check((ctx) => ctx.some(isOpenBadgesContext), 'must include the Open Badges 3.0 context'),
  ),
  id: nonEmpty,
  type: typesIncluding('VerifiableCredential', 'OpenBadgeCredential'),
  name: v.optional(v.string()),
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
      // Both required by Open Badges 3.0; optional here only because legacy credentials lack them.
      description: v.optional(v.string()),
      criteria: v.optional(v.looseObject({ id: v.optional(v.string()), narrative: v.optional(v.string()) })),
      productId: nonEmpty,
      level: AchievementLevelSchema,
    }),
  }),
  credentialStatus: v.optional(StatusListEntrySchema),
};

const validityInOrder = (c: { validFrom: string; validUntil?: string | undefined }) =>
  c.validUntil === undefined || parseInstant(c.validUntil)! > parseInstant(c.validFrom)!;
const ORDER_MESSAGE = 'validUntil must be later than validFrom';

export const ProofSchema = v.looseObject({
  type: v.literal('DataIntegrityProof', 'proof.type must be "DataIntegrityProof"'),
  cryptosuite: v.picklist([CRYPTOSUITE, LEGACY_CRYPTOSUITE], `proof.cryptosuite must be "${CRYPTOSUITE}" (or the legacy "${LEGACY_CRYPTOSUITE}")`),
  created: v.optional(dateTime),
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
