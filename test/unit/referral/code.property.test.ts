import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_LENGTH,
  createReferralCode,
  decodeBase32,
  encodeBase32,
  normaliseReferralCode,
  parseReferralCode,
  verifyReferralCode,
} from '../../../src/core/referral';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const parts = fc.record({
  practitionerNumber: fc.integer({ min: 0, max: 0xffffffff }),
  nonce: fc.uint8Array({ minLength: 5, maxLength: 5 }),
});
const secret = fc.uint8Array({ minLength: 16, maxLength: 64 });

describe('referral code (properties)', () => {
  it('parse(create(x)) and verify(create(x)) give x back; the code is short and URL-safe', async () => {
    await fc.assert(
      fc.asyncProperty(parts, secret, async (p, s) => {
        const code = await createReferralCode(p, s);
        expect(code).toHaveLength(CODE_LENGTH);
        expect(encodeURIComponent(code)).toBe(code);
        expect(parseReferralCode(code)).toEqual(p);
        expect(await verifyReferralCode(code, s)).toEqual(p);
      }),
    );
  });

  it('is case-insensitive and tolerates dashes and I/L/O read aloud', async () => {
    await fc.assert(
      fc.asyncProperty(parts, secret, fc.array(fc.boolean(), { minLength: CODE_LENGTH, maxLength: CODE_LENGTH }), async (p, s, upper) => {
        const code = await createReferralCode(p, s);
        const mixed = [...code].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
        expect(await verifyReferralCode(mixed, s)).toEqual(p);
        expect(normaliseReferralCode(mixed)).toBe(code);
        const grouped = `${mixed.slice(0, 8)}-${mixed.slice(8, 16)}-${mixed.slice(16)}`;
        expect(await verifyReferralCode(grouped, s)).toEqual(p);
        const misread = code.replace(/1/g, 'l').replace(/0/g, 'O');
        expect(await verifyReferralCode(misread, s)).toEqual(p);
      }),
    );
  });

  it('detects one changed character at every position', async () => {
    await fc.assert(
      fc.asyncProperty(parts, secret, fc.integer({ min: 1, max: 31 }), async (p, s, shift) => {
        const code = await createReferralCode(p, s);
        for (let i = 0; i < CODE_LENGTH; i++) {
          const replaced = ALPHABET[(ALPHABET.indexOf(code[i]!) + shift) % 32]!;
          const tampered = code.slice(0, i) + replaced + code.slice(i + 1);
          expect(await verifyReferralCode(tampered, s), `position ${i}`).toBeNull();
        }
      }),
      { numRuns: 50 },
    );
  });

  it('does not verify under another secret', async () => {
    await fc.assert(
      fc.asyncProperty(parts, secret, secret, async (p, s1, s2) => {
        fc.pre(s1.length !== s2.length || s1.some((b, i) => b !== s2[i]));
        expect(await verifyReferralCode(await createReferralCode(p, s1), s2)).toBeNull();
      }),
      { numRuns: 50 },
    );
  });

  it('refuses malformed codes without throwing', async () => {
    const s = new Uint8Array(32);
    for (const bad of ['', 'short', 'u'.repeat(CODE_LENGTH), '!'.repeat(CODE_LENGTH), '0'.repeat(CODE_LENGTH + 1)]) {
      expect(parseReferralCode(bad)).toBeNull();
      expect(normaliseReferralCode(bad)).toBeNull();
      expect(await verifyReferralCode(bad, s)).toBeNull();
    }
  });

  it('base32 round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(decodeBase32(encodeBase32(bytes))).toEqual(bytes);
      }),
    );
  });
});
