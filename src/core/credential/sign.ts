// Signs a certification credential with eddsa-jcs-2022, the only suite new credentials get.
import * as v from 'valibot';
import { CredentialFormatError } from './build';
import { isDid } from './did';
import { addProof, ProofError } from './eddsa-jcs-2022';
import type { SigningKey } from './ed25519';
import { UnsignedCredentialSchema, describeIssues, isDateTime, type SignedCredential, type UnsignedCredential } from './schema';

export interface SignOptions {
  /**
   * The key's id, which must name the issuer: `did:key:z6Mk…#z6Mk…` (didKeyVerificationMethod),
   * `did:web:…#z6Mk…` (didWebVerificationMethod), or `<vendor id>#<key id>` for a vendor key
   * that verifiers get from `GET /v1/vendor`.
   */
  verificationMethod: string;
  created: Date | string;
}

export async function signCredential(unsigned: UnsignedCredential, privateKey: SigningKey, options: SignOptions): Promise<SignedCredential> {
  if ('proof' in unsigned) throw new CredentialFormatError('Credential already has a proof; sign the unsigned credential');
  const parsed = v.safeParse(UnsignedCredentialSchema, unsigned);
  if (!parsed.success) throw new CredentialFormatError(`Invalid credential: ${describeIssues(parsed.issues)}`);
  const created = typeof options.created === 'string' ? options.created : options.created.toISOString();
  if (!isDateTime(created)) throw new CredentialFormatError(`proof.created must be an ISO 8601 date-time, got "${created}"`);
  // Verifiers tie a DID issuer to its key by the method's DID; any other issuer by the key they are given.
  const method = options.verificationMethod;
  const ownKey = method.startsWith(`${unsigned.issuer.id}#`) || (!isDid(unsigned.issuer.id) && method.startsWith('did:key:'));
  if (!ownKey) throw new CredentialFormatError(`verificationMethod must be a key of the issuer, "${unsigned.issuer.id}#…"`);
  try {
    return (await addProof(unsigned, { verificationMethod: options.verificationMethod, created }, privateKey)) as SignedCredential;
  } catch (error) {
    if (error instanceof ProofError) throw new CredentialFormatError(error.message);
    throw error;
  }
}
