// Verifies a credential and says plainly what it is worth. Never throws: the input comes from a
// vendor, a file or storage, and only `valid` certifies. checkCredential() is the verifier any
// credential goes through (the CLI, the W3C vectors); verifyCredential() is the extension's view
// of one vendor's certification credentials on top of it.
import * as v from 'valibot';
import { exceedsLimits } from './bounds';
import { isDid, parseKeyInput, resolveVerificationMethod, type KeyInput, type SuppliedKey } from './did';
import { DATA_INTEGRITY_PROOF, EDDSA_JCS_2022, verifyProof, type JsonObject } from './eddsa-jcs-2022';
import { isLegacyKeyId, verifyLegacyProof } from './legacy';
import {
  KNOWN_CONTEXTS,
  LEGACY_CRYPTOSUITE,
  OPEN_BADGE_TYPES,
  SignedCredentialSchema,
  VC_CONTEXT_V2,
  describeIssues,
  isOpenBadgesContext,
  type AchievementLevel,
  type SignedCredential,
} from './schema';
import { StatusListEntrySchema, StatusListError, readStatus, type StatusListEntry } from './status-list';
import { parseInstant } from '../schema/time';

export type VerifyCode =
  | 'too-large'
  | 'malformed'
  | 'unknown-context'
  | 'missing-proof'
  | 'unsupported-suite'
  | 'key-unavailable'
  | 'wrong-key'
  | 'wrong-issuer'
  | 'tampered'
  | 'status-unverified'
  | 'revoked'
  | 'not-yet-valid'
  | 'expired';

export interface Party {
  id?: string;
  name?: string;
}

export interface AchievementClaim {
  id?: string;
  name?: string;
  description?: string;
  /** The criteria narrative, or the criteria page when there is no narrative. */
  criteria?: string;
}

export interface VerifyResult {
  valid: boolean;
  /** Why it is not valid; absent when valid. */
  code?: VerifyCode;
  /** A sentence for a person: why it is not valid, or what a valid result did not check. */
  reason?: string;
  /** The proof's cryptosuite; the legacy suite reads "advocate-eddsa-jcs-2025 (legacy)". */
  suite: string | null;
  verificationMethod: string | null;
  /** The claims below are filled only once the signature is known to be good. */
  credentialId: string | null;
  issuer: Party | null;
  subject: Party | null;
  achievement: AchievementClaim | null;
  validFrom: string | null;
  validUntil: string | null;
  /** Present when a status list (or revocation list) was consulted. */
  revoked?: boolean;
}

export interface CheckOptions {
  now: Date;
  /** The key to check with: needed for did:web and vendor keys, insisted on for did:key. */
  key?: KeyInput | SuppliedKey;
  /** The issuer the caller expects, and optionally the exact key id after '#'. */
  expectedIssuer?: { id: string; keyId?: string };
  /** Status list credentials fetched from `credentialStatus.statusListCredential`, matched by id. */
  statusLists?: readonly unknown[];
  /** Credential ids revoked by a vendor's plain revocation list (`GET /v1/credentials/status`). */
  revokedIds?: ReadonlySet<string>;
}

export const LEGACY_SUITE_LABEL = `${LEGACY_CRYPTOSUITE} (legacy)`;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const quote = (text: string) => JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const compact = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as T;

type Problem = { code: VerifyCode; reason: string };

const isSuppliedKey = (key: KeyInput | SuppliedKey): key is SuppliedKey => typeof key === 'object' && 'publicKey' in key && key.publicKey instanceof Uint8Array;

function contextProblem(doc: JsonObject, types: string[]): Problem | null {
  const contexts = asList(doc['@context']);
  if (contexts.length === 0) return { code: 'unknown-context', reason: `The credential has no @context; it must start with "${VC_CONTEXT_V2}"` };
  if (contexts[0] !== VC_CONTEXT_V2) {
    const first = typeof contexts[0] === 'string' ? quote(contexts[0]) : 'an inline object';
    return { code: 'unknown-context', reason: `@context starts with ${first}; this verifier checks VC 2.0 credentials ("${VC_CONTEXT_V2}" first)` };
  }
  for (const context of contexts) {
    if (typeof context !== 'string') return { code: 'unknown-context', reason: 'An inline @context object cannot be checked: only published contexts are accepted' };
    if (!KNOWN_CONTEXTS.has(context)) return { code: 'unknown-context', reason: `Unknown @context ${quote(context)}: this verifier does not know what its terms mean` };
  }
  if (types.some((t) => (OPEN_BADGE_TYPES as readonly string[]).includes(t)) && !contexts.some((c) => isOpenBadgesContext(c as string))) {
    return { code: 'unknown-context', reason: 'An Open Badges credential must name the Open Badges 3.0 context' };
  }
  return null;
}

interface Claims {
  credentialId: string | null;
  issuer: Party & { id: string };
  subject: Party | null;
  achievement: AchievementClaim | null;
  validFrom: number | null;
  validUntil: number | null;
  statuses: StatusListEntry[];
}

function instantOf(doc: JsonObject, member: 'validFrom' | 'validUntil'): number | null | Problem {
  const value = doc[member];
  if (value === undefined) return null;
  const ms = typeof value === 'string' ? parseInstant(value) : null;
  return ms ?? { code: 'malformed', reason: `${member} must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T12:00:00Z` };
}

/** The claims a result reports, checked for form (not yet for authenticity). */
function readClaims(doc: JsonObject, types: string[]): Claims | Problem {
  const malformed = (reason: string): Problem => ({ code: 'malformed', reason });
  const issuer = typeof doc.issuer === 'string' ? { id: doc.issuer } : isObject(doc.issuer) && typeof doc.issuer.id === 'string' ? { id: doc.issuer.id, name: text(doc.issuer.name) } : null;
  if (!issuer || issuer.id === '') return malformed('issuer must be a URL or DID, or an object with one as its id');
  if (doc.id !== undefined && typeof doc.id !== 'string') return malformed('id must be text');
  const validFrom = instantOf(doc, 'validFrom');
  const validUntil = instantOf(doc, 'validUntil');
  if (isObject(validFrom)) return validFrom;
  if (isObject(validUntil)) return validUntil;
  if (validFrom !== null && validUntil !== null && validUntil <= validFrom) return malformed('validUntil must be later than validFrom');

  const subjects = asList(doc.credentialSubject);
  if (subjects.length === 0 || !subjects.every(isObject)) return malformed('credentialSubject must be an object');
  const first = subjects[0] as JsonObject;
  let achievement: AchievementClaim | null = null;
  if (types.some((t) => (OPEN_BADGE_TYPES as readonly string[]).includes(t))) {
    const a = first.achievement;
    if (!isObject(a) || typeof a.name !== 'string' || !asList(a.type).includes('Achievement')) {
      return malformed('An Open Badges credential needs credentialSubject.achievement with type "Achievement" and a name');
    }
    const criteria = isObject(a.criteria) ? (text(a.criteria.narrative) ?? text(a.criteria.id)) : undefined;
    achievement = compact({ id: text(a.id), name: a.name, description: text(a.description), criteria });
  }

  const statuses: StatusListEntry[] = [];
  for (const status of asList(doc.credentialStatus)) {
    const parsed = v.safeParse(StatusListEntrySchema, status);
    if (!parsed.success) return malformed(`credentialStatus: ${describeIssues(parsed.issues)} (only BitstringStatusListEntry is supported)`);
    statuses.push(parsed.output);
  }
  return {
    credentialId: text(doc.id) ?? null,
    issuer: compact(issuer),
    subject: compact({ id: text(first.id), name: text(first.name) }),
    achievement,
    validFrom,
    validUntil,
    statuses,
  };
}

const NOTHING = {
  suite: null,
  verificationMethod: null,
  credentialId: null,
  issuer: null,
  subject: null,
  achievement: null,
  validFrom: null,
  validUntil: null,
} as const;

/** The result for input refused before it could be examined (unreadable, not JSON). */
export const refusal = (code: VerifyCode, reason: string): VerifyResult => ({ ...NOTHING, valid: false, code, reason });

async function check(input: unknown, options: CheckOptions, isStatusList: boolean): Promise<VerifyResult> {
  let known: Pick<VerifyResult, 'suite' | 'verificationMethod'> = { suite: null, verificationMethod: null };
  const fail = (problem: Problem): VerifyResult => ({ ...NOTHING, ...known, valid: false, ...problem });

  const over = exceedsLimits(input);
  if (over) return fail({ code: 'too-large', reason: over });
  if (!isObject(input)) return fail({ code: 'malformed', reason: 'Not a credential: expected a JSON object' });
  const types = asList(input.type).filter((t): t is string => typeof t === 'string');
  const context = contextProblem(input, types);
  if (context) return fail(context);
  if (!types.includes('VerifiableCredential')) return fail({ code: 'malformed', reason: 'type must include "VerifiableCredential"' });

  let proof = input.proof;
  if (proof === undefined) return fail({ code: 'missing-proof', reason: 'The credential has no proof: it is not signed' });
  if (Array.isArray(proof)) {
    if (proof.length !== 1) return fail({ code: 'unsupported-suite', reason: `The credential has ${proof.length} proofs; this verifier checks credentials with exactly one` });
    proof = proof[0];
  }
  if (!isObject(proof)) return fail({ code: 'malformed', reason: 'proof must be an object' });
  const suite = text(proof.cryptosuite) ?? null;
  const legacy = suite === LEGACY_CRYPTOSUITE;
  const method = text(proof.verificationMethod);
  known = { suite: legacy ? LEGACY_SUITE_LABEL : suite, verificationMethod: method ?? null };
  if (proof.type !== DATA_INTEGRITY_PROOF) return fail({ code: 'unsupported-suite', reason: `Proof type ${quote(String(proof.type))} is not supported; expected ${DATA_INTEGRITY_PROOF}` });
  if (suite !== EDDSA_JCS_2022 && !legacy) return fail({ code: 'unsupported-suite', reason: `Cryptosuite ${quote(String(suite))} is not supported; this verifier checks ${EDDSA_JCS_2022}` });
  if (proof.proofPurpose !== 'assertionMethod') return fail({ code: 'malformed', reason: 'proof.proofPurpose must be "assertionMethod" for a credential' });
  if (!method) return fail({ code: 'malformed', reason: 'proof.verificationMethod must name the signing key' });

  const claims = readClaims(input, types);
  if ('code' in claims) return fail(claims);
  const issuerId = claims.issuer.id;
  const expected = options.expectedIssuer;
  if (expected && issuerId !== expected.id) return fail({ code: 'wrong-issuer', reason: `Issued by ${quote(issuerId)}, not by ${quote(expected.id)}` });
  if (expected && !(expected.keyId === undefined ? method.startsWith(`${expected.id}#`) : method === `${expected.id}#${expected.keyId}`)) {
    return fail({ code: 'wrong-issuer', reason: `Signed with key ${quote(method)}, which is not this vendor's key` });
  }

  let supplied: SuppliedKey | undefined;
  if (options.key !== undefined) {
    try {
      supplied = isSuppliedKey(options.key) ? options.key : parseKeyInput(options.key);
    } catch (error) {
      return fail({ code: 'key-unavailable', reason: `The key given is unusable: ${(error as Error).message}` });
    }
  }
  let publicKey: Uint8Array;
  if (legacy) {
    if (!supplied) return fail({ code: 'key-unavailable', reason: `${LEGACY_CRYPTOSUITE} credentials name the vendor's key by its thumbprint: give the vendor's published key to verify` });
    if (!method.startsWith(`${issuerId}#`)) return fail({ code: 'wrong-key', reason: `Signed with ${quote(method)}, which is not a key of the issuer ${quote(issuerId)}` });
    if (!(await isLegacyKeyId(method.slice(issuerId.length + 1), supplied.publicKey))) {
      return fail({ code: 'wrong-key', reason: `Signed with key ${quote(method)}, not with the key given` });
    }
    publicKey = supplied.publicKey;
  } else {
    const resolved = resolveVerificationMethod(method, supplied);
    if (!resolved.ok) return fail(resolved);
    if (isDid(issuerId) && resolved.controller !== issuerId) {
      return fail({ code: 'wrong-key', reason: `Signed with a key of ${quote(resolved.controller)}, which is not the issuer ${quote(issuerId)}` });
    }
    publicKey = resolved.publicKey;
  }

  const secured = proof === input.proof ? input : { ...input, proof };
  const verification = legacy ? await verifyLegacyProof(secured, publicKey) : await verifyProof(secured, publicKey);
  if (!verification.verified) return fail(verification);

  // From here on the claims are the issuer's own.
  const authentic: VerifyResult = {
    ...known,
    valid: false,
    credentialId: claims.credentialId,
    issuer: claims.issuer,
    subject: claims.subject,
    achievement: claims.achievement,
    validFrom: text(input.validFrom) ?? null,
    validUntil: text(input.validUntil) ?? null,
  };
  let revoked: boolean | undefined;
  if (options.revokedIds) {
    if (claims.credentialId !== null && options.revokedIds.has(claims.credentialId)) {
      return { ...authentic, revoked: true, code: 'revoked', reason: 'Revoked by the issuer' };
    }
    revoked = false;
  }
  const notes: string[] = [];
  if (!supplied && !isDid(issuerId)) {
    notes.push(`The issuer ${quote(issuerId)} is not a DID, so nothing here ties the signing key to it: check that the key is the issuer's, or give it as the key to verify with`);
  }
  for (const entry of isStatusList ? [] : claims.statuses) {
    if (entry.statusPurpose !== 'revocation' && entry.statusPurpose !== 'suspension') continue;
    const list = options.statusLists?.find((l) => isObject(l) && l.id === entry.statusListCredential);
    if (list === undefined) {
      notes.push(`${entry.statusPurpose === 'revocation' ? 'Revocation' : 'Suspension'} not checked: the status list ${entry.statusListCredential} was not given`);
      continue;
    }
    const status = await listStatus(entry, list, issuerId, { now: options.now, ...(supplied ? { key: supplied } : {}) });
    if ('reason' in status) return { ...authentic, code: 'status-unverified', reason: status.reason };
    if (status.set) return { ...authentic, revoked: true, code: 'revoked', reason: entry.statusPurpose === 'revocation' ? 'Revoked by the issuer' : 'Suspended by the issuer' };
    revoked = false;
  }

  const now = options.now.getTime();
  if (claims.validFrom !== null && now < claims.validFrom) return { ...authentic, code: 'not-yet-valid', reason: `Not valid before ${day(claims.validFrom)}` };
  if (claims.validUntil !== null && now >= claims.validUntil) return { ...authentic, code: 'expired', reason: `Expired on ${day(claims.validUntil)}` };
  return { ...authentic, valid: true, ...(revoked === undefined ? {} : { revoked }), ...(notes.length ? { reason: notes.join('; ') } : {}) };
}

/** §3.2 of Bitstring Status List: the list must verify, come from the same issuer and cover the entry. */
async function listStatus(entry: StatusListEntry, list: unknown, issuerId: string, options: CheckOptions): Promise<{ set: boolean } | { reason: string }> {
  const listed = await check(list, options, true);
  if (!listed.valid) return { reason: `The status list ${entry.statusListCredential} does not verify: ${listed.reason}` };
  const doc = list as JsonObject;
  if (!asList(doc.type).includes('BitstringStatusListCredential')) return { reason: 'The status list given is not a BitstringStatusListCredential' };
  if (listed.issuer?.id !== issuerId) return { reason: `The status list is issued by ${quote(String(listed.issuer?.id))}, not by the credential's issuer` };
  try {
    return { set: await readStatus(entry, doc.credentialSubject) };
  } catch (error) {
    if (error instanceof StatusListError) return { reason: `The status list cannot be read: ${error.message}` };
    throw error;
  }
}

/** Verifies any VC 2.0 credential secured with eddsa-jcs-2022 (or Advocate's legacy suite). Never throws. */
export async function checkCredential(input: unknown, options: CheckOptions): Promise<VerifyResult> {
  try {
    return await check(input, options, false);
  } catch (error) {
    // Non-JSON members (functions, NaN, cycles) or a throwing getter in the input.
    return refusal('malformed', `Not a credential: ${(error as Error).message}`);
  }
}

// --- the extension's view -------------------------------------------------------------------

export type CredentialState = 'valid' | 'expired' | 'not-yet-valid' | 'revoked' | 'forged' | 'wrong-issuer' | 'malformed';

export interface CredentialStatus {
  state: CredentialState;
  /** The verifier's reason code when not valid (e.g. `status-unverified`: the status list given did not check out). */
  code?: VerifyCode;
  /** A sentence for the practitioner, e.g. "Expired on 2026-01-31". */
  reason: string;
  credentialId?: string;
  /** Present only once the signature is known to be the issuer's (valid, expired, not-yet-valid, revoked). */
  productId?: string;
  level?: AchievementLevel;
  achievementName?: string;
  validFrom?: string;
  validUntil?: string;
  subjectName?: string;
  issuerName?: string;
  suite?: string;
}

export interface TrustedIssuer {
  /** The vendor's issuer id, as in `GET /v1/vendor` `id` (or its DID). */
  id: string;
  /** The published key: a JWK, or a Multikey / did:key in publicKeyMultibase. */
  publicKeyJwk?: unknown;
  publicKeyMultibase?: string;
  /** When given, `proof.verificationMethod` must be exactly `<id>#<keyId>`. */
  keyId?: string;
}

export interface VerifyOptions {
  now: Date;
  /** Credential ids from `GET /v1/credentials/status`. */
  revoked?: ReadonlySet<string>;
  /** Bitstring status list credentials the credentials point to. */
  statusLists?: readonly unknown[];
}

const STATE_OF: Record<VerifyCode, CredentialState> = {
  'too-large': 'malformed',
  malformed: 'malformed',
  'unknown-context': 'malformed',
  'missing-proof': 'malformed',
  'unsupported-suite': 'malformed',
  'key-unavailable': 'malformed',
  'status-unverified': 'malformed',
  'wrong-key': 'wrong-issuer',
  'wrong-issuer': 'wrong-issuer',
  tampered: 'forged',
  revoked: 'revoked',
  'not-yet-valid': 'not-yet-valid',
  expired: 'expired',
};

function claimsOf(c: SignedCredential): Omit<CredentialStatus, 'state' | 'reason'> {
  const a = c.credentialSubject.achievement;
  return compact({
    credentialId: c.id,
    productId: a.productId,
    level: a.level,
    achievementName: a.name,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    subjectName: c.credentialSubject.name,
    issuerName: c.issuer.name,
  });
}

async function verifyOne(credential: unknown, issuer: TrustedIssuer, options: VerifyOptions): Promise<CredentialStatus> {
  const over = exceedsLimits(credential);
  if (over) return { state: 'malformed', reason: over };
  const parsed = v.safeParse(SignedCredentialSchema, credential);
  if (!parsed.success) return { state: 'malformed', reason: `Not a certification credential: ${describeIssues(parsed.issues)}` };
  const credentialId = parsed.output.id;
  let key: SuppliedKey;
  try {
    key = parseKeyInput((issuer.publicKeyMultibase ?? issuer.publicKeyJwk) as KeyInput);
  } catch (error) {
    return { state: 'malformed', credentialId, reason: `The vendor's published key is unusable: ${(error as Error).message}` };
  }
  const result = await checkCredential(credential, {
    now: options.now,
    key,
    expectedIssuer: { id: issuer.id, ...(issuer.keyId === undefined ? {} : { keyId: issuer.keyId }) },
    ...(options.revoked ? { revokedIds: options.revoked } : {}),
    ...(options.statusLists ? { statusLists: options.statusLists } : {}),
  });
  const suite = result.suite ?? undefined;
  if (result.valid) {
    const until = parsed.output.validUntil === undefined ? 'with no expiry' : `until ${day(parseInstant(parsed.output.validUntil)!)}`;
    const older = result.suite === LEGACY_SUITE_LABEL ? ' (older Advocate signature, accepted until it expires)' : '';
    return { state: 'valid', reason: `Valid ${until}${older}`, ...claimsOf(parsed.output), ...compact({ suite }) };
  }
  const state = STATE_OF[result.code!];
  const reason = result.code === 'tampered' ? "The signature does not match the vendor's key: the credential was altered or forged" : result.reason!;
  // Claims only for a good signature, so a forgery never shows a product or level.
  const code = result.code!;
  return result.issuer ? { state, code, reason, ...claimsOf(parsed.output), ...compact({ suite }) } : { state, code, reason, credentialId };
}

/** One vendor's certification credential, as the extension shows it. Never throws. */
export async function verifyCredential(credential: unknown, issuer: TrustedIssuer, options: VerifyOptions): Promise<CredentialStatus> {
  try {
    return await verifyOne(credential, issuer, options);
  } catch (error) {
    return { state: 'malformed', reason: `Not a certification credential: ${(error as Error).message}` };
  }
}

/** True only for `valid`: the one state that gives certified status. */
export const isCertified = (status: CredentialStatus) => status.state === 'valid';
