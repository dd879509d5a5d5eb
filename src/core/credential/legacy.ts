// advocate-eddsa-jcs-2025, Advocate's suite before eddsa-jcs-2022: Ed25519 straight over the JCS
// document without `proof`, base64url proofValue, verificationMethod `<vendor id>#<RFC 7638
// thumbprint>`. Credentials signed with it verify until they expire; nothing signs with it now.
import { decodeBase64Url } from './base64url';
import { canonicalBytes } from './canonical';
import { jwkOfPublicKey, jwkThumbprint, verifyEd25519 } from './ed25519';
import type { JsonObject, ProofVerification } from './eddsa-jcs-2022';

/** Whether `fragment` (the part of verificationMethod after '#') is the thumbprint of `publicKey`. */
export async function isLegacyKeyId(fragment: string, publicKey: Uint8Array): Promise<boolean> {
  return fragment === (await jwkThumbprint(jwkOfPublicKey(publicKey)));
}

export async function verifyLegacyProof(securedDocument: JsonObject, publicKey: Uint8Array): Promise<ProofVerification> {
  const { proof, ...unsecuredDocument } = securedDocument;
  const proofValue = (proof as JsonObject).proofValue;
  const signature = typeof proofValue === 'string' ? decodeBase64Url(proofValue) : null;
  if (!signature || signature.length !== 64) {
    return { verified: false, code: 'malformed', reason: 'proof.proofValue is not a 64-byte base64url Ed25519 signature' };
  }
  if (!(await verifyEd25519(publicKey, signature, canonicalBytes(unsecuredDocument)))) {
    return { verified: false, code: 'tampered', reason: 'The signature does not match: the credential was changed after signing' };
  }
  return { verified: true, document: unsecuredDocument };
}
