// Multibase (base58btc 'z…', base64url 'u…') and Ed25519 Multikey, as Data Integrity and did:key
// spell keys and signatures. Decoders return null on anything malformed: inputs come from files
// and vendors, and a clear "not a key" beats an exception from deep inside a codec.
import { base58 } from '@scure/base';
import { decodeBase64Url, encodeBase64Url } from './base64url';

/** Multicodec prefixes (unsigned varints): ed25519-pub 0xed → ed 01, ed25519-priv 0x1300 → 80 26. */
const ED25519_PUB = [0xed, 0x01] as const;
const ED25519_PRIV = [0x80, 0x26] as const;

export const encodeBase58btc = (bytes: Uint8Array): string => `z${base58.encode(bytes)}`;

export function decodeBase58btc(text: string): Uint8Array | null {
  if (!text.startsWith('z') || text.length < 2) return null;
  try {
    return base58.decode(text.slice(1));
  } catch {
    return null;
  }
}

export const encodeMultibaseBase64Url = (bytes: Uint8Array): string => `u${encodeBase64Url(bytes)}`;

export const decodeMultibaseBase64Url = (text: string): Uint8Array | null => (text.startsWith('u') ? decodeBase64Url(text.slice(1)) : null);

function withPrefix(prefix: readonly number[], key: Uint8Array): string {
  const out = new Uint8Array(prefix.length + key.length);
  out.set(prefix);
  out.set(key, prefix.length);
  return encodeBase58btc(out);
}

function withoutPrefix(prefix: readonly number[], text: string): Uint8Array | null {
  const bytes = decodeBase58btc(text);
  if (!bytes || bytes.length !== prefix.length + 32 || prefix.some((b, i) => bytes[i] !== b)) return null;
  return bytes.slice(prefix.length);
}

/** The 32-byte Ed25519 public key as a Multikey `publicKeyMultibase` ("z6Mk…"). */
export const encodeEd25519Multikey = (publicKey: Uint8Array): string => withPrefix(ED25519_PUB, publicKey);

/** The raw public key of an Ed25519 Multikey, or null for any other codec, length or encoding. */
export const decodeEd25519Multikey = (text: string): Uint8Array | null => withoutPrefix(ED25519_PUB, text);

/** The 32-byte seed of an Ed25519 `secretKeyMultibase` ("z3u2…"), or null. */
export const decodeEd25519SecretMultikey = (text: string): Uint8Array | null => withoutPrefix(ED25519_PRIV, text);

export const encodeEd25519SecretMultikey = (seed: Uint8Array): string => withPrefix(ED25519_PRIV, seed);
