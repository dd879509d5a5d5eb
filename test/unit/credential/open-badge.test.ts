// Open Badges 3.0 certifications end to end: built, signed with eddsa-jcs-2022 under did:key or
// did:web, revoked through a Bitstring Status List, and every way a credential can be bad.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CredentialFormatError,
  addProof,
  checkCredential,
  didDocument,
  didKeyOf,
  didKeyVerificationMethod,
  didWebOf,
  didWebVerificationMethod,
  generateIssuerKeys,
  issueStatusList,
  newCertificationCredential,
  signCredential,
  statusListEntry,
  verifyCredential,
  type CertificationInput,
  type IssuerKeys,
  type JsonObject,
  type SignedCredential,
} from '../../../src/core/credential';

const NOW = new Date('2026-06-01T00:00:00Z');
const CREATED = '2026-01-01T00:00:00Z';
const LIST_URL = 'https://vendor.example/v1/credentials/status/1';
let keys: IssuerKeys;
let other: IssuerKeys;
let did: string; // the did:key issuer

function input(issuerId: string, extra: Partial<CertificationInput> = {}): CertificationInput {
  return {
    id: 'urn:uuid:0b9d1f5e-2c4a-4e8b-9a6f-1d2e3f4a5b6c',
    issuer: { id: issuerId, name: 'Example Vendor', url: 'https://vendor.example' },
    subject: { practitionerId: 'p-42', name: 'Ada Lovelace' },
    achievement: { vendorId: 'example', productId: 'mysql', level: 'professional', name: 'Certified MySQL Professional' },
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2027-01-01T00:00:00Z',
    status: statusListEntry(LIST_URL, 42),
    ...extra,
  };
}

const signDidKey = (c = newCertificationCredential(input(did)), k = keys) =>
  signCredential(c, k.privateKey, { verificationMethod: didKeyVerificationMethod(k.publicKeyMultibase), created: CREATED });

const statusList = (revoked: number[], k = keys, issuer = didKeyOf(k.publicKeyMultibase), validUntil = '2026-07-01T00:00:00Z') =>
  issueStatusList({ url: LIST_URL, issuer, set: revoked, validFrom: '2026-05-01T00:00:00Z', validUntil }, k.privateKey, {
    verificationMethod: didKeyVerificationMethod(k.publicKeyMultibase),
    created: '2026-05-01T00:00:00Z',
  });

beforeAll(async () => {
  keys = await generateIssuerKeys();
  other = await generateIssuerKeys();
  did = didKeyOf(keys.publicKeyMultibase);
});

describe('newCertificationCredential', () => {
  it('builds an OpenBadgeCredential: OB 3.0 and VC 2.0 contexts, Profile, Achievement with criteria and description, status entry', () => {
    const c = newCertificationCredential(input(did));
    expect(c).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: 'urn:uuid:0b9d1f5e-2c4a-4e8b-9a6f-1d2e3f4a5b6c',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'Certified MySQL Professional',
      issuer: { id: did, type: ['Profile'], name: 'Example Vendor', url: 'https://vendor.example' },
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2027-01-01T00:00:00Z',
      credentialSubject: {
        id: 'urn:advocate:practitioner:p-42',
        type: ['AchievementSubject'],
        name: 'Ada Lovelace',
        achievement: {
          id: 'urn:advocate:achievement:example:mysql:professional',
          type: ['Achievement'],
          achievementType: 'Certification',
          name: 'Certified MySQL Professional',
          description: 'Certified MySQL Professional, a certification awarded by Example Vendor.',
          criteria: { narrative: 'Assessed by Example Vendor at the professional level.' },
          productId: 'mysql',
          level: 'professional',
        },
      },
      credentialStatus: { id: `${LIST_URL}#42`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '42', statusListCredential: LIST_URL },
    });
  });

  it("carries the issuer's own description and criteria", () => {
    const c = newCertificationCredential(
      input(did, {
        achievement: {
          vendorId: 'example',
          productId: 'mysql',
          level: 'expert',
          name: 'MySQL Expert',
          description: 'Runs MySQL in production at scale.',
          criteria: 'Passed the expert exam and a production review.',
          criteriaUrl: 'https://vendor.example/certification/mysql-expert',
        },
      }),
    );
    expect(c.credentialSubject.achievement).toMatchObject({
      description: 'Runs MySQL in production at scale.',
      criteria: { id: 'https://vendor.example/certification/mysql-expert', narrative: 'Passed the expert exam and a production review.' },
    });
  });

  it('refuses input that would not make a valid credential, saying where', () => {
    expect(() => newCertificationCredential(input(did, { validFrom: 'yesterday' }))).toThrow(/validFrom/);
    expect(() => newCertificationCredential(input(did, { status: { ...statusListEntry(LIST_URL, 1), statusListIndex: '-1' } }))).toThrow(CredentialFormatError);
  });
});

describe('checkCredential on certifications', () => {
  let good: SignedCredential;
  beforeAll(async () => {
    good = await signDidKey();
  });

  it('verifies a did:key certification and reports what it certifies', async () => {
    expect(good.proof).toMatchObject({ cryptosuite: 'eddsa-jcs-2022', verificationMethod: didKeyVerificationMethod(keys.publicKeyMultibase) });
    const result = await checkCredential(good, { now: NOW });
    expect(result).toEqual({
      valid: true,
      suite: 'eddsa-jcs-2022',
      verificationMethod: didKeyVerificationMethod(keys.publicKeyMultibase),
      credentialId: good.id,
      issuer: { id: did, name: 'Example Vendor' },
      subject: { id: 'urn:advocate:practitioner:p-42', name: 'Ada Lovelace' },
      achievement: {
        id: 'urn:advocate:achievement:example:mysql:professional',
        name: 'Certified MySQL Professional',
        description: 'Certified MySQL Professional, a certification awarded by Example Vendor.',
        criteria: 'Assessed by Example Vendor at the professional level.',
      },
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2027-01-01T00:00:00Z',
      reason: `Revocation not checked: the status list ${LIST_URL} was not given`,
    });
  });

  it('verifies a did:web certification only with the key, which it must match', async () => {
    const web = didWebOf('https://vendor.example');
    const signed = await signCredential(newCertificationCredential(input(web)), keys.privateKey, {
      verificationMethod: didWebVerificationMethod(web, keys.publicKeyMultibase),
      created: CREATED,
    });
    expect(await checkCredential(signed, { now: NOW })).toMatchObject({
      valid: false,
      code: 'key-unavailable',
      reason: expect.stringContaining('https://vendor.example/.well-known/did.json'),
      issuer: null,
    });
    for (const key of [didDocument(web, keys.publicKeyMultibase), keys.publicKeyMultibase, didKeyOf(keys.publicKeyMultibase), keys.publicKeyJwk]) {
      expect(await checkCredential(signed, { now: NOW, key })).toMatchObject({ valid: true, issuer: { id: web } });
    }
    expect(await checkCredential(signed, { now: NOW, key: other.publicKeyMultibase })).toMatchObject({ valid: false, code: 'wrong-key' });
    expect(await checkCredential(signed, { now: NOW, key: didDocument(didWebOf('https://elsewhere.example'), keys.publicKeyMultibase) })).toMatchObject({
      valid: false,
      code: 'wrong-key',
    });
  });

  it('reports a wrong key: another key given, or a key that is not the issuer DID', async () => {
    expect(await checkCredential(good, { now: NOW, key: other.publicKeyMultibase })).toMatchObject({ valid: false, code: 'wrong-key', reason: expect.stringMatching(/not with the key given/) });
    // Issuer claims did:web, signature by an unrelated did:key (signCredential refuses to make this).
    const unsigned = newCertificationCredential(input(didWebOf('https://vendor.example')));
    const impostor = await addProof(unsigned, { verificationMethod: didKeyVerificationMethod(other.publicKeyMultibase), created: CREATED }, other.privateKey);
    expect(await checkCredential(impostor, { now: NOW })).toMatchObject({ valid: false, code: 'wrong-key', reason: expect.stringMatching(/not the issuer/) });
    await expect(signCredential(unsigned, other.privateKey, { verificationMethod: didKeyVerificationMethod(other.publicKeyMultibase), created: CREATED })).rejects.toThrow(
      CredentialFormatError,
    );
  });

  it('reports a tampered field, with no claims attached', async () => {
    const cases: unknown[] = [
      { ...good, validUntil: '2099-01-01T00:00:00Z' },
      { ...good, credentialSubject: { ...good.credentialSubject, achievement: { ...good.credentialSubject.achievement, level: 'expert' } } },
      { ...good, credentialStatus: statusListEntry(LIST_URL, 43) },
      { ...good, proof: { ...good.proof, created: '2026-01-02T00:00:00Z' } },
    ];
    for (const tampered of cases) {
      expect(await checkCredential(tampered, { now: NOW })).toMatchObject({ valid: false, code: 'tampered', issuer: null, achievement: null });
    }
  });

  it('reports expired and not-yet-valid credentials, with their claims', async () => {
    expect(await checkCredential(good, { now: new Date('2027-01-01T00:00:00Z') })).toMatchObject({ valid: false, code: 'expired', reason: 'Expired on 2027-01-01', issuer: { id: did } });
    expect(await checkCredential(good, { now: new Date('2025-12-31T23:59:59Z') })).toMatchObject({ valid: false, code: 'not-yet-valid', reason: 'Not valid before 2026-01-01' });
  });

  it.each([
    ['an unknown context', (c: JsonObject) => ({ ...c, '@context': [...(c['@context'] as string[]), 'https://evil.example/context.json'] }), 'unknown-context', /Unknown @context/],
    ['an inline context', (c: JsonObject) => ({ ...c, '@context': [...(c['@context'] as string[]), { level: 'https://evil.example/level' }] }), 'unknown-context', /inline @context/],
    ['a VC 1.1 context', (c: JsonObject) => ({ ...c, '@context': ['https://www.w3.org/2018/credentials/v1'] }), 'unknown-context', /VC 2\.0/],
    ['no Open Badges context', (c: JsonObject) => ({ ...c, '@context': ['https://www.w3.org/ns/credentials/v2'] }), 'unknown-context', /Open Badges 3\.0 context/],
    ['no proof', ({ proof: _p, ...c }: JsonObject) => c, 'missing-proof', /no proof/],
    ['another cryptosuite', (c: JsonObject) => ({ ...c, proof: { ...(c.proof as JsonObject), cryptosuite: 'eddsa-rdfc-2022' } }), 'unsupported-suite', /eddsa-rdfc-2022/],
    ['two proofs', (c: JsonObject) => ({ ...c, proof: [c.proof, c.proof] }), 'unsupported-suite', /2 proofs/],
    ['a bad date', (c: JsonObject) => ({ ...c, validUntil: 'next year' }), 'malformed', /validUntil/],
    ['a base64url signature', (c: JsonObject) => ({ ...c, proof: { ...(c.proof as JsonObject), proofValue: 'uAAAA' } }), 'malformed', /base58btc/],
    ['a function member', (c: JsonObject) => ({ ...c, extra: () => 1 }), 'malformed', /not a JSON value/],
    ['a throwing getter', (c: JsonObject) => Object.defineProperty({ ...c }, 'name', { get: () => { throw new Error('boom'); }, enumerable: true }), 'malformed', /boom/],
    ['not an object', () => 'a credential', 'malformed', /JSON object/],
  ])('refuses %s with a clear reason', async (_what, change, code, reason) => {
    const result = await checkCredential(change(good as unknown as JsonObject), { now: NOW });
    expect(result).toMatchObject({ valid: false, code, reason: expect.stringMatching(reason), issuer: null });
  });

  it('refuses huge, wide and deeply nested input before canonicalising, without a stack overflow', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200_000; i++) deep = { d: deep };
    const cyclic: JsonObject = { ...good };
    cyclic.self = cyclic;
    const cases = [
      { ...good, description: 'x'.repeat(2_000_000) },
      { ...good, credentialSubject: { ...good.credentialSubject, evidence: new Array(1_000_000).fill(0) } },
      { ...good, credentialSubject: { ...good.credentialSubject, deep } },
      cyclic,
    ];
    for (const input of cases) {
      const result = await checkCredential(input, { now: NOW });
      expect(result).toMatchObject({ valid: false, code: 'too-large', reason: expect.stringMatching(/larger than|more than|deeper than/) });
    }
  });
});

describe('revocation through a Bitstring Status List', () => {
  let good: SignedCredential;
  beforeAll(async () => {
    good = await signDidKey();
  });

  it('is not revoked while its bit is clear, and revoked once it is set', async () => {
    expect(await checkCredential(good, { now: NOW, statusLists: [await statusList([1, 41, 43])] })).toMatchObject({ valid: true, revoked: false });
    const result = await checkCredential(good, { now: NOW, statusLists: [await statusList([42])] });
    expect(result).toMatchObject({ valid: false, revoked: true, code: 'revoked', reason: 'Revoked by the issuer', issuer: { id: did } });
  });

  it('does not trust a status list that fails to verify, is stale, or is not the issuer’s', async () => {
    const list = await statusList([]);
    const tampered = { ...list, credentialSubject: { ...(list.credentialSubject as JsonObject), encodedList: ((await statusList([42])).credentialSubject as JsonObject).encodedList } };
    const stale = await statusList([], keys, did, '2026-05-15T00:00:00Z');
    const foreign = await statusList([], other);
    for (const [bad, reason] of [
      [tampered, /does not verify: The signature does not match/],
      [stale, /does not verify: Expired on 2026-05-15/],
      [foreign, /issued by .* not by the credential's issuer/],
    ] as const) {
      expect(await checkCredential(good, { now: NOW, statusLists: [bad] })).toMatchObject({ valid: false, code: 'status-unverified', reason: expect.stringMatching(reason) });
    }
  });

  it('reports revocation in the extension view too', async () => {
    const issuer = { id: did, publicKeyMultibase: keys.publicKeyMultibase };
    expect(await verifyCredential(good, issuer, { now: NOW, statusLists: [await statusList([42])] })).toMatchObject({ state: 'revoked', productId: 'mysql' });
    expect(await verifyCredential(good, issuer, { now: NOW, statusLists: [await statusList([])] })).toMatchObject({ state: 'valid', reason: 'Valid until 2027-01-01' });
  });
});

describe('credentials signed with the legacy advocate-eddsa-jcs-2025 suite', () => {
  const fixtures = join(import.meta.dirname, 'fixtures');
  const legacy = JSON.parse(readFileSync(join(fixtures, 'legacy-advocate-eddsa-jcs-2025.json'), 'utf8')) as SignedCredential;
  const vendor = JSON.parse(readFileSync(join(fixtures, 'legacy-issuer.json'), 'utf8')) as { id: string; publicKeyJwk: Record<string, unknown>; keyId: string };

  it('keep verifying for their lifetime, reported as legacy', async () => {
    expect(await checkCredential(legacy, { now: NOW, key: vendor.publicKeyJwk })).toMatchObject({
      valid: true,
      suite: 'advocate-eddsa-jcs-2025 (legacy)',
      issuer: { id: 'acme', name: 'Acme Data' },
      achievement: { name: 'Certified MySQL Professional' },
    });
    expect(await checkCredential(legacy, { now: new Date('2027-01-01T00:00:00Z'), key: vendor.publicKeyJwk })).toMatchObject({ valid: false, code: 'expired' });
    expect(await verifyCredential(legacy, vendor, { now: NOW })).toMatchObject({
      state: 'valid',
      reason: 'Valid until 2027-01-01 (older Advocate signature, accepted until it expires)',
      suite: 'advocate-eddsa-jcs-2025 (legacy)',
      productId: 'mysql',
    });
  });

  it('need the vendor key, refuse another, and catch tampering', async () => {
    expect(await checkCredential(legacy, { now: NOW })).toMatchObject({ valid: false, code: 'key-unavailable' });
    expect(await checkCredential(legacy, { now: NOW, key: other.publicKeyJwk })).toMatchObject({ valid: false, code: 'wrong-key' });
    const tampered = { ...legacy, credentialSubject: { ...legacy.credentialSubject, name: 'Mallory' } };
    expect(await checkCredential(tampered, { now: NOW, key: vendor.publicKeyJwk })).toMatchObject({ valid: false, code: 'tampered' });
    expect(await verifyCredential(tampered, vendor, { now: NOW })).toMatchObject({ state: 'forged' });
  });
});
