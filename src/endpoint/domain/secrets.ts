// Random secrets and their stored hashes. Only hashes of bearer tokens and enrolment codes are
// stored, so a copy of the database cannot be used to act as a practitioner or an admin.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { encodeBase32 } from '../../core/referral/code';

export const randomToken = (prefix: string, bytes = 32) => prefix + randomBytes(bytes).toString('base64url');

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** Enrolment codes are read and typed by people: Crockford base32 in dashed groups of four. */
export function newEnrolmentCode(): string {
  const body = encodeBase32(randomBytes(10)).toUpperCase(); // 16 characters, 80 bits
  return `ADV-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8, 12)}-${body.slice(12, 16)}`;
}

/** Case-insensitive, dashes and spaces ignored, I/L read as 1 and O as 0, like referral codes. */
export function normaliseEnrolmentCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/^ADV/, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
