// Ed25519 keys through WebCrypto (Node 20, Chrome 116+, Firefox 129+). Public keys travel as
// JWK {kty:"OKP", crv:"Ed25519", x}; the key id is the RFC 7638 thumbprint of that JWK.
import * as v from 'valibot';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { canonicalize } from './canonical';
import { describeIssues } from './schema';

export const ED25519 = { name: 'Ed25519' } as const;

const keyBytes = (what: string) =>
  v.pipe(
    v.string(`${what} must be a string`),
    v.check((s) => decodeBase64Url(s)?.length === 32, `${what} must be 32 bytes in base64url`),
  );

export const Ed25519PublicJwkSchema = v.object({
  kty: v.literal('OKP', 'kty must be "OKP"'),
  crv: v.literal('Ed25519', 'crv must be "Ed25519"'),
  x: keyBytes('x'),
});
export const Ed25519PrivateJwkSchema = v.object({ ...Ed25519PublicJwkSchema.entries, d: keyBytes('d') });

export type Ed25519PublicJwk = v.InferOutput<typeof Ed25519PublicJwkSchema>;
export type Ed25519PrivateJwk = v.InferOutput<typeof Ed25519PrivateJwkSchema>;

export class KeyFormatError extends Error {
  override name = 'KeyFormatError';
}

export interface IssuerKeys {
  publicKey: CryptoKey;
  privateKey: CryptoKey;
  publicKeyJwk: Ed25519PublicJwk;
  /** Store this secretly; it signs credentials. */
  privateKeyJwk: Ed25519PrivateJwk;
  /** RFC 7638 thumbprint of publicKeyJwk, used as `keyId` and in `verificationMethod`. */
  keyId: string;
}

/** Imports a vendor's published key for verification. Throws KeyFormatError with the reason. */
export async function importPublicKeyJwk(jwk: unknown): Promise<CryptoKey> {
  const parsed = v.safeParse(Ed25519PublicJwkSchema, jwk);
  if (!parsed.success) throw new KeyFormatError(`Not an Ed25519 public key: ${describeIssues(parsed.issues)}`);
  const { kty, crv, x } = parsed.output; // only these members: stray key_ops/alg must not make import fail
  try {
    return await crypto.subtle.importKey('jwk', { kty, crv, x }, ED25519, true, ['verify']);
  } catch (error) {
    throw new KeyFormatError(`Ed25519 public key rejected: ${(error as Error).message}`);
  }
}

/** Imports a stored signing key. Throws KeyFormatError with the reason. */
export async function importPrivateKeyJwk(jwk: unknown): Promise<CryptoKey> {
  const parsed = v.safeParse(Ed25519PrivateJwkSchema, jwk);
  if (!parsed.success) throw new KeyFormatError(`Not an Ed25519 private key: ${describeIssues(parsed.issues)}`);
  const { kty, crv, x, d } = parsed.output;
  try {
    return await crypto.subtle.importKey('jwk', { kty, crv, x, d }, ED25519, false, ['sign']);
  } catch (error) {
    throw new KeyFormatError(`Ed25519 private key rejected: ${(error as Error).message}`);
  }
}

export async function jwkThumbprint(jwk: Ed25519PublicJwk): Promise<string> {
  const required = { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalize(required)));
  return encodeBase64Url(new Uint8Array(digest));
}

export async function generateIssuerKeys(): Promise<IssuerKeys> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pub = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const priv = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const publicKeyJwk: Ed25519PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: pub.x! };
  return {
    publicKey: pair.publicKey,
    privateKey: pair.privateKey,
    publicKeyJwk,
    privateKeyJwk: { ...publicKeyJwk, d: priv.d! },
    keyId: await jwkThumbprint(publicKeyJwk),
  };
}
