// Referral codes: 15 bytes written as 24 Crockford base32 characters.
//   5 bytes  referral nonce (random, chosen offline by the extension; first, so codes look random)
//   4 bytes  practitioner number (issued by the vendor at enrolment)
//   6 bytes  HMAC-SHA256(referral secret, "advocate-ref-v1" ‖ first 9 bytes), truncated
// Crockford base32 is URL-safe and case-insensitive, and reads I/L as 1 and O as 0, so a code
// read aloud from a slide still parses. 48 MAC bits make online forgery hopeless under rate limits.

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const DECODE: Record<string, number> = {};
for (let i = 0; i < ALPHABET.length; i++) {
  DECODE[ALPHABET[i]!] = i;
  DECODE[ALPHABET[i]!.toUpperCase()] = i;
}
for (const [alias, to] of [['i', 1], ['l', 1], ['o', 0]] as const) {
  DECODE[alias] = to;
  DECODE[alias.toUpperCase()] = to;
}

export const CODE_LENGTH = 24;
const BODY_BYTES = 9;
const MAC_BYTES = 6;
const DOMAIN = new TextEncoder().encode('advocate-ref-v1');

export interface ReferralCodeParts {
  practitionerNumber: number; // uint32
  nonce: Uint8Array; // 5 bytes
}

export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Returns null for any character outside Crockford base32 or a length that is not whole bytes. */
export function decodeBase32(text: string): Uint8Array | null {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    const v = DECODE[ch];
    if (v === undefined) return null;
    buffer = (buffer << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  if (buffer !== 0) return null; // leftover bits must be zero padding
  return Uint8Array.from(bytes);
}

// Importing an HMAC key costs more than the MAC itself; the endpoint checks many codes per
// practitioner, so imported keys are kept (bounded) by the secret's bytes.
const keyCache = new Map<string, Promise<CryptoKey>>();
const KEY_CACHE_LIMIT = 4096;

function hmacKey(secret: Uint8Array): Promise<CryptoKey> {
  const id = Array.prototype.join.call(secret, ',');
  let key = keyCache.get(id);
  if (!key) {
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    key = crypto.subtle.importKey('raw', secret.slice() as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keyCache.set(id, key);
    key.catch(() => keyCache.delete(id));
  }
  return key;
}

async function mac(secret: Uint8Array, body: Uint8Array): Promise<Uint8Array> {
  const key = await hmacKey(secret);
  const data = new Uint8Array(DOMAIN.length + body.length);
  data.set(DOMAIN);
  data.set(body, DOMAIN.length);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, data)).slice(0, MAC_BYTES);
}

function body(parts: ReferralCodeParts): Uint8Array {
  const n = parts.practitionerNumber;
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError('practitionerNumber must be a uint32');
  if (parts.nonce.length !== 5) throw new RangeError('nonce must be 5 bytes');
  const out = new Uint8Array(BODY_BYTES);
  out.set(parts.nonce, 0);
  new DataView(out.buffer).setUint32(5, n);
  return out;
}

export function randomNonce(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(5));
}

/** Creates a code offline. `secret` is the referral-signing secret the vendor issued at enrolment. */
export async function createReferralCode(parts: ReferralCodeParts, secret: Uint8Array): Promise<string> {
  const b = body(parts);
  const full = new Uint8Array(BODY_BYTES + MAC_BYTES);
  full.set(b);
  full.set(await mac(secret, b), BODY_BYTES);
  return encodeBase32(full);
}

/** Reads the parts without checking the MAC: enough to find whose secret to check it with. */
export function parseReferralCode(code: string): ReferralCodeParts | null {
  const trimmed = code.trim().replace(/-/g, '');
  if (trimmed.length !== CODE_LENGTH) return null;
  const bytes = decodeBase32(trimmed);
  if (!bytes || bytes.length !== BODY_BYTES + MAC_BYTES) return null;
  return {
    practitionerNumber: new DataView(bytes.buffer).getUint32(5),
    nonce: bytes.slice(0, 5),
  };
}

/** The canonical (lower-case) spelling, or null when the code is malformed. */
export function normaliseReferralCode(code: string): string | null {
  const trimmed = code.trim().replace(/-/g, '');
  const bytes = trimmed.length === CODE_LENGTH ? decodeBase32(trimmed) : null;
  return bytes ? encodeBase32(bytes) : null;
}

/** Checks the MAC in constant time. Returns the parts when the code is authentic. */
export async function verifyReferralCode(code: string, secret: Uint8Array): Promise<ReferralCodeParts | null> {
  const trimmed = code.trim().replace(/-/g, '');
  if (trimmed.length !== CODE_LENGTH) return null;
  const bytes = decodeBase32(trimmed);
  if (!bytes || bytes.length !== BODY_BYTES + MAC_BYTES) return null;
  const expected = await mac(secret, bytes.slice(0, BODY_BYTES));
  let diff = 0;
  for (let i = 0; i < MAC_BYTES; i++) diff |= expected[i]! ^ bytes[BODY_BYTES + i]!;
  if (diff !== 0) return null;
  return parseReferralCode(trimmed);
}
