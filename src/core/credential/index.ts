export { encodeBase64Url, decodeBase64Url } from './base64url';
export { canonicalize, canonicalBytes, CanonicalJsonError } from './canonical';
export { CREDENTIAL_LIMITS, exceedsLimits, parseJsonBounded } from './bounds';
export * from './multibase';
export * from './schema';
export * from './ed25519';
export * from './did';
export {
  EDDSA_JCS_2022,
  DATA_INTEGRITY_PROOF,
  ProofError,
  addProof,
  createProof,
  hashForProof,
  verifyProof,
  type HashData,
  type JsonObject,
  type ProofOptions,
  type ProofVerification,
} from './eddsa-jcs-2022';
export * from './status-list';
export * from './build';
export { signCredential, type SignOptions } from './sign';
export * from './verify';
