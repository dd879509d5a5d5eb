export { encodeBase64Url, decodeBase64Url } from './base64url';
export { canonicalize, canonicalBytes, CanonicalJsonError } from './canonical';
export * from './schema';
export * from './ed25519';
export * from './build';
export { signCredential, signingInput, type SignOptions } from './sign';
export * from './verify';
