// Verifies a certification credential and says plainly what it is worth. Never throws: the
// input comes from a vendor over the network or from storage, and only `valid` certifies.
import * as v from 'valibot';
import { decodeBase64Url } from './base64url';
import { CanonicalJsonError } from './canonical';
import { ED25519, KeyFormatError, importPublicKeyJwk } from './ed25519';
import { SignedCredentialSchema, describeIssues, type AchievementLevel, type SignedCredential } from './schema';
import { signingInput } from './sign';

export type CredentialState = 'valid' | 'expired' | 'not-yet-valid' | 'revoked' | 'forged' | 'wrong-issuer' | 'malformed';

export interface CredentialStatus {
  state: CredentialState;
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
}

export interface TrustedIssuer {
  /** The vendor's issuer id, as in `GET /v1/vendor` `id`. */
  id: string;
  publicKeyJwk: unknown;
  /** When given, `proof.verificationMethod` must be exactly `<id>#<keyId>`. */
  keyId?: string;
}

export interface VerifyOptions {
  now: Date;
  /** Credential ids from `GET /v1/credentials/status`. */
  revoked?: ReadonlySet<string>;
}

const day = (iso: string) => new Date(iso).toISOString().slice(0, 10);

function claims(c: SignedCredential): Omit<CredentialStatus, 'state' | 'reason'> {
  const a = c.credentialSubject.achievement;
  return {
    credentialId: c.id,
    productId: a.productId,
    level: a.level,
    achievementName: a.name,
    validFrom: c.validFrom,
    ...(c.validUntil === undefined ? {} : { validUntil: c.validUntil }),
    ...(c.credentialSubject.name === undefined ? {} : { subjectName: c.credentialSubject.name }),
    ...(c.issuer.name === undefined ? {} : { issuerName: c.issuer.name }),
  };
}

async function check(input: unknown, issuer: TrustedIssuer, options: VerifyOptions): Promise<CredentialStatus> {
  const parsed = v.safeParse(SignedCredentialSchema, input);
  if (!parsed.success) return { state: 'malformed', reason: `Not a certification credential: ${describeIssues(parsed.issues)}` };
  const credential = parsed.output;
  const credentialId = credential.id;

  if (credential.issuer.id !== issuer.id) {
    return { state: 'wrong-issuer', credentialId, reason: `Issued by "${credential.issuer.id}", not by "${issuer.id}"` };
  }
  const method = credential.proof.verificationMethod;
  const methodOk = issuer.keyId === undefined ? method.startsWith(`${issuer.id}#`) : method === `${issuer.id}#${issuer.keyId}`;
  if (!methodOk) {
    return { state: 'wrong-issuer', credentialId, reason: `Signed with key "${method}", which is not this vendor's key` };
  }

  let publicKey: CryptoKey;
  try {
    publicKey = await importPublicKeyJwk(issuer.publicKeyJwk);
  } catch (error) {
    const detail = error instanceof KeyFormatError ? error.message : String(error);
    return { state: 'malformed', credentialId, reason: `The vendor's published key is unusable: ${detail}` };
  }
  const signature = decodeBase64Url(credential.proof.proofValue);
  if (!signature || signature.length !== 64) {
    return { state: 'malformed', credentialId, reason: 'proof.proofValue is not a 64-byte base64url Ed25519 signature' };
  }
  // Canonicalise the input as received, not the parsed copy: the signature covers every member.
  const authentic = await crypto.subtle.verify(
    ED25519,
    publicKey,
    signature as BufferSource,
    signingInput(input as Record<string, unknown>) as BufferSource,
  );
  if (!authentic) {
    return { state: 'forged', credentialId, reason: "The signature does not match the vendor's key: the credential was altered or forged" };
  }

  const details = claims(credential);
  if (options.revoked?.has(credential.id)) return { state: 'revoked', reason: 'Revoked by the vendor', ...details };
  const now = options.now.getTime();
  if (now < Date.parse(credential.validFrom)) {
    return { state: 'not-yet-valid', reason: `Not valid before ${day(credential.validFrom)}`, ...details };
  }
  if (credential.validUntil !== undefined && now >= Date.parse(credential.validUntil)) {
    return { state: 'expired', reason: `Expired on ${day(credential.validUntil)}`, ...details };
  }
  const until = credential.validUntil === undefined ? 'with no expiry' : `until ${day(credential.validUntil)}`;
  return { state: 'valid', reason: `Valid ${until}`, ...details };
}

export async function verifyCredential(
  credential: unknown,
  issuer: TrustedIssuer,
  options: VerifyOptions,
): Promise<CredentialStatus> {
  try {
    return await check(credential, issuer, options);
  } catch (error) {
    // Non-JSON members (functions, NaN, cycles) or a throwing getter in the input.
    const detail = error instanceof CanonicalJsonError ? error.message : String(error);
    return { state: 'malformed', reason: `Not a certification credential: ${detail}` };
  }
}

/** True only for `valid`: the one state that gives certified status. */
export const isCertified = (status: CredentialStatus) => status.state === 'valid';
