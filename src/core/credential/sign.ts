// Signs a credential: Ed25519 over the JCS canonical JSON of the credential without `proof`.
import * as v from 'valibot';
import { encodeBase64Url } from './base64url';
import { CredentialFormatError } from './build';
import { canonicalBytes, canonicalize } from './canonical';
import { ED25519 } from './ed25519';
import {
  CRYPTOSUITE,
  UnsignedCredentialSchema,
  describeIssues,
  isDateTime,
  type SignedCredential,
  type UnsignedCredential,
} from './schema';

export interface SignOptions {
  /** `<issuer id>#<keyId>`; verification requires it to name the issuer. */
  verificationMethod: string;
  created: Date | string;
}

/** The bytes the proof covers: every member except `proof`, canonicalised. */
export function signingInput(credential: Record<string, unknown>): Uint8Array {
  const { proof: _proof, ...rest } = credential;
  return canonicalBytes(rest);
}

export async function signCredential(
  unsigned: UnsignedCredential,
  privateKey: CryptoKey,
  options: SignOptions,
): Promise<SignedCredential> {
  if ('proof' in unsigned) throw new CredentialFormatError('Credential already has a proof; sign the unsigned credential');
  const parsed = v.safeParse(UnsignedCredentialSchema, unsigned);
  if (!parsed.success) throw new CredentialFormatError(`Invalid credential: ${describeIssues(parsed.issues)}`);
  const created = typeof options.created === 'string' ? options.created : options.created.toISOString();
  if (!isDateTime(created)) throw new CredentialFormatError(`proof.created must be an ISO 8601 date-time, got "${created}"`);
  if (!options.verificationMethod.includes('#')) {
    throw new CredentialFormatError('verificationMethod must be "<issuer id>#<key id>"');
  }
  // Sign and return the same snapshot, so later changes to the caller's object cannot split them.
  const snapshot = JSON.parse(canonicalize(unsigned)) as UnsignedCredential;
  const signature = await crypto.subtle.sign(ED25519, privateKey, signingInput(snapshot) as BufferSource);
  return {
    ...snapshot,
    proof: {
      type: 'DataIntegrityProof',
      cryptosuite: CRYPTOSUITE,
      created,
      verificationMethod: options.verificationMethod,
      proofPurpose: 'assertionMethod',
      proofValue: encodeBase64Url(new Uint8Array(signature)),
    },
  };
}
