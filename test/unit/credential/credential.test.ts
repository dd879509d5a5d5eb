import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeBase58btc,
  encodeBase58btc,
  decodeBase64Url,
  encodeBase64Url,
  generateIssuerKeys,
  importPublicKeyJwk,
  isCertified,
  KeyFormatError,
  newCertificationCredential,
  signCredential,
  verifyCredential,
  CredentialFormatError,
  type IssuerKeys,
  type SignedCredential,
} from '../../../src/core/credential';

const ISSUER_ID = 'https://vendor.example/issuer';
const NOW = new Date('2026-06-01T00:00:00Z');
let keys: IssuerKeys;
let issuer: { id: string; publicKeyJwk: unknown; keyId: string };
let good: SignedCredential;

function unsigned(overrides: { validFrom?: string; validUntil?: string } = {}) {
  return newCertificationCredential({
    id: 'urn:uuid:6f1c2a7e-1d2b-4c3d-8e9f-0a1b2c3d4e5f',
    issuer: { id: ISSUER_ID, name: 'Example Vendor' },
    subject: { practitionerId: 'p-42', name: 'Ada Lovelace' },
    achievement: { vendorId: 'example', productId: 'mysql', level: 'professional', name: 'Certified MySQL Professional' },
    validFrom: overrides.validFrom ?? '2026-01-01T00:00:00Z',
    validUntil: overrides.validUntil ?? '2027-01-01T00:00:00Z',
  });
}

const sign = (u = unsigned(), k = keys) =>
  signCredential(u, k.privateKey, { verificationMethod: `${ISSUER_ID}#${k.keyId}`, created: new Date('2026-01-01T00:00:00Z') });

beforeAll(async () => {
  keys = await generateIssuerKeys();
  issuer = { id: ISSUER_ID, publicKeyJwk: keys.publicKeyJwk, keyId: keys.keyId };
  good = await sign();
});

describe('signCredential', () => {
  it('adds an eddsa-jcs-2022 DataIntegrityProof with a 64-byte base58btc Ed25519 signature', () => {
    expect(good.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      created: '2026-01-01T00:00:00.000Z',
      verificationMethod: `${ISSUER_ID}#${keys.keyId}`,
      proofPurpose: 'assertionMethod',
      '@context': good['@context'],
    });
    expect(decodeBase58btc(good.proof.proofValue)?.length).toBe(64);
  });

  it('survives a JSON round trip (storage, the network) and key reordering', async () => {
    const reordered = Object.fromEntries(Object.entries(JSON.parse(JSON.stringify(good))).reverse());
    expect((await verifyCredential(reordered, issuer, { now: NOW })).state).toBe('valid');
  });

  it('refuses to sign an invalid credential or one already signed', async () => {
    const bad = { ...unsigned(), credentialSubject: { ...unsigned().credentialSubject, achievement: { level: 'guru' } } };
    await expect(sign(bad as never)).rejects.toThrow(CredentialFormatError);
    await expect(sign(good as never)).rejects.toThrow(/already has a proof/);
  });

  it('refuses a credential whose validity ends before it starts', () => {
    expect(() => unsigned({ validFrom: '2026-02-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' })).toThrow(
      /validUntil must be later than validFrom/,
    );
  });
});

describe('verifyCredential', () => {
  it('accepts a genuine, current credential and reports what it certifies', async () => {
    const status = await verifyCredential(good, issuer, { now: NOW });
    expect(status).toMatchObject({
      state: 'valid',
      productId: 'mysql',
      level: 'professional',
      achievementName: 'Certified MySQL Professional',
      validUntil: '2027-01-01T00:00:00Z',
      subjectName: 'Ada Lovelace',
      issuerName: 'Example Vendor',
    });
    expect(isCertified(status)).toBe(true);
  });

  it('reports an expired credential, at and after validUntil', async () => {
    for (const now of ['2027-01-01T00:00:00Z', '2030-01-01T00:00:00Z']) {
      const status = await verifyCredential(good, issuer, { now: new Date(now) });
      expect(status.state).toBe('expired');
      expect(status.reason).toContain('2027-01-01');
      expect(isCertified(status)).toBe(false);
    }
  });

  it('reports a credential that is not yet valid', async () => {
    const status = await verifyCredential(good, issuer, { now: new Date('2025-12-31T23:59:59Z') });
    expect(status.state).toBe('not-yet-valid');
    expect(isCertified(status)).toBe(false);
  });

  it('reports a revoked credential', async () => {
    const status = await verifyCredential(good, issuer, { now: NOW, revoked: new Set([good.id]) });
    expect(status.state).toBe('revoked');
    expect((await verifyCredential(good, issuer, { now: NOW, revoked: new Set(['urn:uuid:other']) })).state).toBe('valid');
  });

  it('reports a credential signed by another key as forged, with no claims attached', async () => {
    const other = await generateIssuerKeys();
    const impostor = await signCredential(unsigned(), other.privateKey, {
      verificationMethod: `${ISSUER_ID}#${keys.keyId}`, // claims the real key id
      created: NOW,
    });
    const status = await verifyCredential(impostor, issuer, { now: NOW });
    expect(status.state).toBe('forged');
    expect(status.productId).toBeUndefined();
  });

  it('reports a credential from another issuer, or naming another key, as wrong-issuer', async () => {
    const other = await generateIssuerKeys();
    const elsewhere = await signCredential(
      newCertificationCredential({
        issuer: { id: 'https://other.example', name: 'Other' },
        subject: { practitionerId: 'p-42', name: 'Ada Lovelace' },
        achievement: { vendorId: 'other', productId: 'mysql', level: 'expert', name: 'Expert' },
        validFrom: '2026-01-01T00:00:00Z',
      }),
      other.privateKey,
      { verificationMethod: `https://other.example#${other.keyId}`, created: NOW },
    );
    expect((await verifyCredential(elsewhere, issuer, { now: NOW })).state).toBe('wrong-issuer');
    const wrongKey = { ...good, proof: { ...good.proof, verificationMethod: `${ISSUER_ID}#old-key` } };
    expect((await verifyCredential(wrongKey, issuer, { now: NOW })).state).toBe('wrong-issuer');
  });

  it('detects a changed field under an intact signature (tampering)', async () => {
    const cases: SignedCredential[] = [
      { ...good, validUntil: '2099-01-01T00:00:00Z' },
      {
        ...good,
        credentialSubject: {
          ...good.credentialSubject,
          achievement: { ...good.credentialSubject.achievement, level: 'expert' },
        },
      },
      { ...good, credentialSubject: { ...good.credentialSubject, name: 'Mallory' } },
      { ...good, extra: 'member added after signing' },
    ];
    for (const tampered of cases) expect((await verifyCredential(tampered, issuer, { now: NOW })).state).toBe('forged');
  });

  it('detects a changed signature', async () => {
    const sig = decodeBase58btc(good.proof.proofValue)!;
    for (const index of [0, 31, 63]) {
      const flipped = sig.slice();
      flipped[index]! ^= 1;
      const tampered = { ...good, proof: { ...good.proof, proofValue: encodeBase58btc(flipped) } };
      expect((await verifyCredential(tampered, issuer, { now: NOW })).state).toBe('forged');
    }
  });

  it.each([
    ['null', null],
    ['a string', 'credential'],
    ['an empty object', {}],
    ['no proof', 'no-proof'],
    ['a proof that is not base64url', 'bad-proof'],
    ['a short signature', 'short'],
    ['an unknown cryptosuite', 'suite'],
    ['a bad date', 'date'],
    ['a function member', 'function'],
  ])('reports %s as malformed without throwing', async (_what, input) => {
    const { proof: _proof, ...noProof } = good;
    const variants: Record<string, unknown> = {
      'no-proof': noProof,
      'bad-proof': { ...good, proof: { ...good.proof, proofValue: 'not base64url!' } },
      short: { ...good, proof: { ...good.proof, proofValue: encodeBase64Url(new Uint8Array(10)) } },
      suite: { ...good, proof: { ...good.proof, cryptosuite: 'eddsa-rdfc-2022' } },
      date: { ...good, validUntil: 'next year' },
      function: { ...good, extra: () => 1 },
    };
    const value = typeof input === 'string' && input in variants ? variants[input] : input;
    const status = await verifyCredential(value, issuer, { now: NOW });
    expect(status.state).toBe('malformed');
    expect(status.reason.length).toBeGreaterThan(10);
  });

  it('names the bad field in the reason', async () => {
    const { proof: _proof, ...noProof } = good;
    expect((await verifyCredential(noProof, issuer, { now: NOW })).reason).toMatch(/proof/);
    const badLevel = {
      ...good,
      credentialSubject: { ...good.credentialSubject, achievement: { ...good.credentialSubject.achievement, level: 'guru' } },
    };
    expect((await verifyCredential(badLevel, issuer, { now: NOW })).reason).toMatch(/credentialSubject\.achievement\.level/);
  });

  it('reports an unusable vendor key as malformed instead of throwing', async () => {
    const status = await verifyCredential(good, { id: ISSUER_ID, publicKeyJwk: { kty: 'RSA' } }, { now: NOW });
    expect(status.state).toBe('malformed');
    expect(status.reason).toMatch(/vendor's published key/);
  });
});

describe('keys', () => {
  it('imports a published JWK that carries extra members', async () => {
    const key = await importPublicKeyJwk({ ...keys.publicKeyJwk, alg: 'Ed25519', key_ops: ['verify'], ext: true });
    expect(key.algorithm.name).toBe('Ed25519');
  });

  it('refuses a key of the wrong type or size', async () => {
    await expect(importPublicKeyJwk({ kty: 'OKP', crv: 'X25519', x: keys.publicKeyJwk.x })).rejects.toThrow(KeyFormatError);
    await expect(importPublicKeyJwk({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' })).rejects.toThrow(/32 bytes/);
  });

  it('derives a stable key id (RFC 7638 thumbprint)', async () => {
    expect(keys.keyId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await generateIssuerKeys()).keyId).not.toBe(keys.keyId);
  });
});

describe('base64url', () => {
  it('round-trips every length and refuses non-canonical text', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const text = encodeBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(decodeBase64Url(text)).toEqual(bytes);
    }
    expect(decodeBase64Url('AB==')).toBeNull();
    expect(decodeBase64Url('A')).toBeNull();
    expect(decodeBase64Url('AB')).toBeNull(); // spare bits set
  });
});
