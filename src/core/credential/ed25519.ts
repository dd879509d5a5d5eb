// Ed25519 keys and signatures. WebCrypto where the runtime has Ed25519 (Node 20, Chrome 137+,
// Firefox 129+), @noble/ed25519 where it does not (older Chrome), probed once per runtime.
// Public keys travel as JWK {kty:"OKP", crv:"Ed25519", x} (vendor API) or as a Multikey
// (Data Integrity, did:key); both name the same 32 bytes.
import * as noble from '@noble/ed25519';
import * as v from 'valibot';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { canonicalize } from './canonical';
import { encodeEd25519Multikey } from './multibase';
import { describeIssues } from '../describe-issues';

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

/** A WebCrypto private key, or the 32-byte RFC 8032 seed (signed with noble where WebCrypto cannot). */
export type SigningKey = CryptoKey | Uint8Array;

export interface IssuerKeys {
  publicKey: CryptoKey;
  privateKey: CryptoKey;
  publicKeyJwk: Ed25519PublicJwk;
  /** Store this secretly; it signs credentials. */
  privateKeyJwk: Ed25519PrivateJwk;
  /** RFC 7638 thumbprint of publicKeyJwk: the key id of the legacy suite and of `GET /v1/vendor`. */
  keyId: string;
  /** The same public key as a Multikey ("z6Mk…"): did:key, DID documents, `verificationMethod`. */
  publicKeyMultibase: string;
}

// --- which implementation -------------------------------------------------------------------

export type Ed25519Backend = 'webcrypto' | 'noble';

// RFC 8032 §7.1 test 1 public key: importing it tells whether this runtime's WebCrypto has Ed25519.
const PROBE_KEY = Uint8Array.from([
  0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
  0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a,
]);
const probes = new WeakMap<SubtleCrypto, Promise<boolean>>();

function subtle(): SubtleCrypto | undefined {
  return globalThis.crypto?.subtle;
}

async function webCryptoHasEd25519(s: SubtleCrypto | undefined): Promise<boolean> {
  if (!s) return false;
  let probe = probes.get(s);
  if (!probe) {
    probe = s.importKey('raw', PROBE_KEY as BufferSource, ED25519, false, ['verify']).then(
      () => true,
      () => false,
    );
    probes.set(s, probe);
  }
  return probe;
}

/** Which implementation verifies and signs in this runtime. */
export async function ed25519Backend(): Promise<Ed25519Backend> {
  return (await webCryptoHasEd25519(subtle())) ? 'webcrypto' : 'noble';
}

/** RFC 8032 verification; false (never a throw) for a bad key, signature or length. */
export async function verifyEd25519(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): Promise<boolean> {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  const s = subtle();
  if (s && (await webCryptoHasEd25519(s))) {
    try {
      const key = await s.importKey('raw', publicKey as BufferSource, ED25519, false, ['verify']);
      return await s.verify(ED25519, key, signature as BufferSource, message as BufferSource);
    } catch {
      return false;
    }
  }
  try {
    // zip215: false is RFC 8032 / FIPS 186-5, the rule WebCrypto applies, so both agree.
    return await noble.verifyAsync(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

const PKCS8_ED25519_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

export async function signEd25519(key: SigningKey, message: Uint8Array): Promise<Uint8Array> {
  const s = subtle();
  if (!(key instanceof Uint8Array)) {
    if (!s) throw new KeyFormatError('This runtime has no WebCrypto to sign with a CryptoKey');
    return new Uint8Array(await s.sign(ED25519, key, message as BufferSource));
  }
  if (key.length !== 32) throw new KeyFormatError(`An Ed25519 seed is 32 bytes, not ${key.length}`);
  if (s && (await webCryptoHasEd25519(s))) {
    const pkcs8 = new Uint8Array(PKCS8_ED25519_PREFIX.length + 32);
    pkcs8.set(PKCS8_ED25519_PREFIX);
    pkcs8.set(key, PKCS8_ED25519_PREFIX.length);
    const imported = await s.importKey('pkcs8', pkcs8 as BufferSource, ED25519, false, ['sign']);
    return new Uint8Array(await s.sign(ED25519, imported, message as BufferSource));
  }
  return noble.signAsync(message, key);
}

/** The public key of a 32-byte seed. */
export const publicKeyOfSeed = (seed: Uint8Array): Promise<Uint8Array> => noble.getPublicKeyAsync(seed);

// --- JWK ------------------------------------------------------------------------------------

function parsePublicJwk(jwk: unknown): Ed25519PublicJwk {
  const parsed = v.safeParse(Ed25519PublicJwkSchema, jwk);
  if (!parsed.success) throw new KeyFormatError(`Not an Ed25519 public key: ${describeIssues(parsed.issues)}`);
  return parsed.output;
}

/** The 32 key bytes of a public JWK. Throws KeyFormatError with the reason. */
export const publicKeyBytesOfJwk = (jwk: unknown): Uint8Array => decodeBase64Url(parsePublicJwk(jwk).x)!;

export const multikeyOfJwk = (jwk: unknown): string => encodeEd25519Multikey(publicKeyBytesOfJwk(jwk));

export const jwkOfPublicKey = (publicKey: Uint8Array): Ed25519PublicJwk => ({ kty: 'OKP', crv: 'Ed25519', x: encodeBase64Url(publicKey) });

/** Imports a vendor's published key for WebCrypto verification. Throws KeyFormatError with the reason. */
export async function importPublicKeyJwk(jwk: unknown): Promise<CryptoKey> {
  const { kty, crv, x } = parsePublicJwk(jwk); // only these members: stray key_ops/alg must not make import fail
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
    publicKeyMultibase: multikeyOfJwk(publicKeyJwk),
  };
}
