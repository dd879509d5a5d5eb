// The endpoint as an Open Badges 3.0 issuer, checked the way an outside verifier would: the
// credentials it hands out at enrolment go through `npm run credential -- verify` (in process,
// and once as the real command), with did:web and the published DID document, or did:key
// offline; a tampered copy fails; a revocation shows through the status list it serves.
//
// Bad input: the endpoint never receives a credential (it only issues them), so the malformed,
// tampered, foreign-key, expired, huge and deep cases live in test/unit/credential; here only the
// one place a client names a credential, GET /v1/credentials/:id, is fed bad ids.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { run } from '../../src/cli/credential';
import { didKeyOf, generateIssuerKeys, multikeyOfJwk } from '../../src/core/credential';
import { DashboardSchema } from '../../src/core/protocol/admin';
import { VendorInfoSchema } from '../../src/core/protocol/vendor';
import { createApp } from '../../src/endpoint/app';
import { NO_RATE_LIMITS, silentLog } from '../../src/endpoint/context';
import { issuerIdentity } from '../../src/endpoint/domain/credentials';
import { admin, call, enrol, enrolWith, startHarness, type Harness } from './helpers';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'endpoint-credentials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const file = (value: unknown) => {
  const path = join(dir, `f${++files}.json`);
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
};

/** `npm run credential -- verify …` in process, at the harness's time. */
async function verify(h: Harness, ...args: string[]) {
  let out = '';
  const code = await run(['verify', ...args], { out: (t) => (out += t), err: () => {}, now: h.clock.now });
  return { code, result: JSON.parse(out) as { valid: boolean; revoked?: boolean; reason?: string; issuer: { id: string; name?: string }; achievement: { name: string; description?: string; criteria?: string } } };
}

const revoke = (h: Harness, id: string) => call(h, `/v1/admin/credentials/${encodeURIComponent(id)}/revoke`, { method: 'POST', ...admin(h) });

describe('did:web, when the endpoint has a public https URL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(); // PUBLIC_URL https://endpoint.test
  });
  afterAll(() => h.close());

  it('publishes its DID and key in GET /v1/vendor and its DID document at /.well-known/did.json', async () => {
    const vendor = (await call(h, '/v1/vendor')).json;
    expect(v.safeParse(VendorInfoSchema, vendor).success).toBe(true);
    expect(vendor.did).toBe('did:web:endpoint.test');
    expect(vendor.publicKeyMultibase).toBe(multikeyOfJwk(vendor.publicKeyJwk));
    const res = await call(h, '/.well-known/did.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/did+json');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const method = `did:web:endpoint.test#${vendor.publicKeyMultibase}`;
    expect(res.json).toMatchObject({ id: 'did:web:endpoint.test', assertionMethod: [method], verificationMethod: [{ id: method, type: 'Multikey', controller: 'did:web:endpoint.test', publicKeyMultibase: vendor.publicKeyMultibase }] });
  });

  it('issues credentials the verifier accepts with the published DID document, and refuses a tampered copy', async () => {
    const me = await enrol(h, { displayName: 'Ada Lovelace', certifications: [{ productId: 'mysql', level: 'professional' }] });
    const [credential] = me.enrolment.credentials as any[];
    expect(credential.issuer).toEqual({ id: 'did:web:endpoint.test', type: ['Profile'], name: 'Demo Database Co.', url: expect.stringMatching(/^https:/) });
    expect(credential.proof).toMatchObject({ cryptosuite: 'eddsa-jcs-2022', verificationMethod: expect.stringMatching(/^did:web:endpoint\.test#z6Mk/) });
    expect(credential.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListCredential: 'https://endpoint.test/v1/credentials/status-list' });
    const didDoc = file((await call(h, '/.well-known/did.json')).json);
    const issued = file(credential);

    const ok = await verify(h, issued, '--key', didDoc);
    expect(ok.code).toBe(0);
    expect(ok.result).toMatchObject({ valid: true, issuer: { id: 'did:web:endpoint.test', name: 'Demo Database Co.' }, subject: { name: 'Ada Lovelace' }, achievement: { name: 'Certified MySQL Professional' } });
    expect(ok.result.achievement.description).toMatch(/Demo Database Co\. certifies that the holder .* MySQL at the professional level/);
    expect(ok.result.achievement.criteria).toMatch(/^Assessed by Demo Database Co\./);

    // Offline, without the published key, a did:web cannot be checked: it says where the key is.
    const noKey = await verify(h, issued);
    expect(noKey).toMatchObject({ code: 1, result: { valid: false, reason: expect.stringContaining('https://endpoint.test/.well-known/did.json') } });

    const tampered = structuredClone(credential);
    tampered.credentialSubject.achievement.level = 'expert';
    expect(await verify(h, file(tampered), '--key', didDoc)).toMatchObject({ code: 1, result: { valid: false, reason: expect.stringMatching(/changed after signing|does not match/) } });
    const otherKey = await generateIssuerKeys();
    expect(await verify(h, issued, '--key', otherKey.publicKeyMultibase)).toMatchObject({ code: 1, result: { valid: false } });
  });

  it('reports a revoked credential as revoked through the status list it serves, signed again on revocation', async () => {
    const me = await enrol(h, { certifications: [{ productId: 'redis', level: 'expert' }] });
    const [credential] = me.enrolment.credentials as any[];
    const didDoc = file((await call(h, '/.well-known/did.json')).json);
    const before = await call(h, '/v1/credentials/status-list');
    expect(before.status).toBe(200);
    expect(before.headers.get('access-control-allow-origin')).toBe('*');
    expect(before.json).toMatchObject({ type: ['VerifiableCredential', 'BitstringStatusListCredential'], id: 'https://endpoint.test/v1/credentials/status-list', issuer: 'did:web:endpoint.test' });
    expect(await verify(h, file(credential), '--key', didDoc, '--status', file(before.json))).toMatchObject({ code: 0, result: { valid: true, revoked: false } });

    expect((await revoke(h, credential.id)).status).toBe(204);
    // Signed again at the revocation, before anyone asks for it.
    expect(await h.count('status_lists', `document like '%${(before.json.proof.proofValue as string).slice(0, 40)}%'`)).toBe(0);
    const after = await call(h, '/v1/credentials/status-list');
    expect(after.json.proof.proofValue).not.toBe(before.json.proof.proofValue);
    expect(await verify(h, file(credential), '--key', didDoc, '--status', file(after.json))).toMatchObject({ code: 1, result: { valid: false, revoked: true, reason: 'Revoked by the issuer' } });
    // The older list still says what it said: a verifier holding it is not told otherwise.
    expect((await verify(h, file(credential), '--key', didDoc, '--status', file(before.json))).result.revoked).toBe(false);
    // Revoking again changes nothing and still answers 204; an unknown id is 404.
    expect((await revoke(h, credential.id)).status).toBe(204);
    expect((await revoke(h, 'urn:uuid:00000000-0000-4000-8000-000000000000')).status).toBe(404);
    // The plain list older extensions read names it too.
    expect((await call(h, '/v1/credentials/status')).json.revoked).toContain(credential.id);
  });

  it('serves each issued credential at GET /v1/credentials/:id, as issued; bad ids are 404', async () => {
    const me = await enrol(h, { certifications: [{ productId: 'postgresql', level: 'associate' }] });
    const [credential] = me.enrolment.credentials as any[];
    for (const path of [`/v1/credentials/${credential.id}`, `/v1/credentials/${encodeURIComponent(credential.id)}`]) {
      const res = await call(h, path);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.json).toEqual(credential);
    }
    for (const id of ['urn:uuid:00000000-0000-4000-8000-000000000000', 'x'.repeat(5000), '%00', "' or 1=1 --", encodeURIComponent('urn:uuid:\u202e')]) {
      const res = await call(h, `/v1/credentials/${id}`);
      expect(res.status).toBe(404);
      expect(res.json.type).toBe('https://advocate.dev/problems/credential-not-found');
    }
    // A certification whose holder has not enrolled has no credential yet.
    const created = await call(h, '/v1/admin/practitioners', { ...admin(h), body: { displayName: 'Not Yet', email: 'notyet@example.org', certifications: [{ productId: 'mysql', level: 'associate' }] } });
    const pending = (await call(h, '/v1/admin/dashboard', admin(h))).json.certifications.find((c: { practitionerId: string }) => c.practitionerId === created.json.practitioner.id);
    expect(pending.issuedAt).toBeUndefined();
    expect((await call(h, `/v1/credentials/${pending.credentialId}`)).status).toBe(404);
  });

  it('gives each certification its own random status index, kept when the practitioner enrols again', async () => {
    const me = await enrol(h, { certifications: [{ productId: 'mysql', level: 'expert' }, { productId: 'postgresql', level: 'expert' }] });
    const indexes = (me.enrolment.credentials as any[]).map((c) => Number(c.credentialStatus.statusListIndex));
    expect(new Set(indexes).size).toBe(2);
    expect(indexes.every((i) => Number.isInteger(i) && i >= 0 && i < 131_072)).toBe(true);
    const code = (await call(h, `/v1/admin/practitioners/${me.practitionerId}/enrolment-code`, { method: 'POST', ...admin(h) })).json.enrolmentCode;
    h.clock.advance(60_000);
    const again = await enrolWith(h, code);
    expect((again.enrolment.credentials as any[]).map((c) => Number(c.credentialStatus.statusListIndex))).toEqual(indexes);
    // Signed again (a new proof), served as last issued.
    expect((again.enrolment.credentials as any[])[0].proof.created).not.toBe((me.enrolment.credentials as any[])[0].proof.created);
    expect((await call(h, `/v1/credentials/${me.enrolment.credentials[0]!.id}`)).json).toEqual(again.enrolment.credentials[0]);
    expect(await h.count('certifications', 'status_index is not null')).toBe(await h.count('certifications', 'issued_at is not null'));
  });

  it('keeps the signed list in the database, re-signs it before it gets stale, and another instance serves the same', async () => {
    const first = (await call(h, '/v1/credentials/status-list')).json;
    expect(Date.parse(first.validUntil) - h.clock.now().getTime()).toBeGreaterThan(12 * 3_600_000);
    expect(Date.parse(first.validUntil) - h.clock.now().getTime()).toBeLessThanOrEqual(24 * 3_600_000);
    expect((await call(h, '/v1/credentials/status-list')).json).toEqual(first);

    const other = await createApp({ db: h.db, clock: h.clock.now, secrets: { adminToken: h.endpoint.adminToken, webhookSecret: h.endpoint.webhookSecret, dataKey: h.dataKey }, log: silentLog, limits: NO_RATE_LIMITS, settings: { publicUrl: 'https://endpoint.test' } });
    const fromOther = await other.request('https://endpoint.test/v1/credentials/status-list');
    expect(await fromOther.json()).toEqual(first);

    h.clock.advance(13 * 3_600_000);
    const later = (await call(h, '/v1/credentials/status-list')).json;
    expect(later.proof.proofValue).not.toBe(first.proof.proofValue);
    expect(Date.parse(later.validUntil)).toBeGreaterThan(Date.parse(first.validUntil));
    expect(await (await other.request('https://endpoint.test/v1/credentials/status-list')).json()).toEqual(later);
    other.close();
  });

  it('lists issued, expiring and revoked certifications on the dashboard', async () => {
    const soon = new Date(h.clock.now().getTime() + 10 * 86_400_000).toISOString();
    const me = await enrol(h, { displayName: 'Dash Board', certifications: [{ productId: 'mysql', level: 'associate' }, { productId: 'postgresql', level: 'professional', validUntil: soon }, { productId: 'redis', level: 'expert' }] });
    const [mysql, , redis] = (me.enrolment.credentials as any[]).sort((a, b) => a.credentialSubject.achievement.productId.localeCompare(b.credentialSubject.achievement.productId));
    await revoke(h, redis.id);
    const dashboard = v.parse(DashboardSchema, (await call(h, '/v1/admin/dashboard', admin(h))).json);
    const mine = dashboard.certifications.filter((c) => c.practitionerId === me.practitionerId);
    expect(mine.map((c) => [c.productName, c.state]).sort()).toEqual([
      ['MySQL', 'active'],
      ['PostgreSQL', 'expiring'],
      ['Redis', 'revoked'],
    ]);
    expect(mine.every((c) => c.practitionerName === 'Dash Board' && c.issuedAt !== undefined)).toBe(true);
    expect(mine.find((c) => c.credentialId === mysql.id)?.revokedAt).toBeUndefined();
    expect(mine.find((c) => c.credentialId === redis.id)?.revokedAt).toBe(h.clock.now().toISOString());
    h.clock.advance(11 * 86_400_000);
    const later = v.parse(DashboardSchema, (await call(h, '/v1/admin/dashboard', admin(h))).json);
    expect(later.certifications.find((c) => c.practitionerId === me.practitionerId && c.productId === 'postgresql')?.state).toBe('expired');
  });
});

describe('the issuer identity of a public URL', () => {
  it('is did:web with the DID document where did:web puts it, or did:key without https', async () => {
    const { publicKeyJwk, publicKeyMultibase: mk } = await generateIssuerKeys();
    expect(issuerIdentity('https://vendor.example', publicKeyJwk)).toEqual({ did: 'did:web:vendor.example', publicKeyMultibase: mk, verificationMethod: `did:web:vendor.example#${mk}`, didDocumentPath: '/.well-known/did.json' });
    expect(issuerIdentity('https://vendor.example:8443', publicKeyJwk).did).toBe('did:web:vendor.example%3A8443');
    // https://vendor.example/advocate/did.json reaches the endpoint as /did.json, like /advocate/v1/… as /v1/….
    expect(issuerIdentity('https://vendor.example/advocate', publicKeyJwk)).toMatchObject({ did: 'did:web:vendor.example:advocate', didDocumentPath: '/did.json' });
    for (const url of ['http://127.0.0.1:8787', 'http://vendor.example', null]) {
      expect(issuerIdentity(url, publicKeyJwk)).toEqual({ did: didKeyOf(mk), publicKeyMultibase: mk, verificationMethod: `${didKeyOf(mk)}#${mk}`, didDocumentPath: null });
    }
  });

  it('serves the DID document of a public URL with a path at /did.json', async () => {
    const h = await startHarness({ settings: { publicUrl: 'https://endpoint.test/advocate' } });
    try {
      expect((await call(h, '/did.json')).json.id).toBe('did:web:endpoint.test:advocate');
      expect((await call(h, '/.well-known/did.json')).status).toBe(404);
      const [credential] = (await enrol(h, { certifications: [{ productId: 'mysql', level: 'associate' }] })).enrolment.credentials as any[];
      expect(credential.credentialStatus.statusListCredential).toBe('https://endpoint.test/advocate/v1/credentials/status-list');
      expect(await verify(h, file(credential), '--key', file((await call(h, '/did.json')).json), '--status', file((await call(h, '/v1/credentials/status-list')).json))).toMatchObject({ code: 0, result: { valid: true, revoked: false } });
    } finally {
      await h.close();
    }
  });
});

describe('did:key, when the endpoint has no public https URL (the local demo)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ settings: { publicUrl: 'http://127.0.0.1:8787' } });
  });
  afterAll(() => h.close());

  it('is its key\'s did:key, publishes no DID document, and its credentials verify offline with no key given', async () => {
    const vendor = (await call(h, '/v1/vendor')).json;
    expect(vendor.did).toBe(didKeyOf(vendor.publicKeyMultibase));
    expect((await call(h, '/.well-known/did.json')).status).toBe(404);
    const me = await enrol(h, { certifications: [{ productId: 'mysql', level: 'professional' }] });
    const [credential] = me.enrolment.credentials as any[];
    expect(credential.issuer.id).toBe(vendor.did);
    expect(credential.credentialStatus.statusListCredential).toBe('http://127.0.0.1:8787/v1/credentials/status-list');
    const issued = file(credential);
    expect(await verify(h, issued)).toMatchObject({ code: 0, result: { valid: true, issuer: { id: vendor.did } } });

    const tampered = structuredClone(credential);
    tampered.validUntil = '2099-01-01T00:00:00.000Z';
    expect(await verify(h, file(tampered))).toMatchObject({ code: 1, result: { valid: false } });
    const otherKey = await generateIssuerKeys();
    expect(await verify(h, issued, '--key', didKeyOf(otherKey.publicKeyMultibase))).toMatchObject({ code: 1, result: { valid: false, reason: expect.stringMatching(/not with the key given/) } });

    await revoke(h, credential.id);
    const list = file((await call(h, '/v1/credentials/status-list')).json);
    expect(await verify(h, issued, '--status', list)).toMatchObject({ code: 1, result: { valid: false, revoked: true } });

    // The real command, as a person runs it.
    const fresh = (await enrol(h, { certifications: [{ productId: 'redis', level: 'associate' }] })).enrolment.credentials[0];
    const real = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/credential.ts', 'verify', file(fresh), '--now', h.clock.now().toISOString()], { cwd: ROOT, encoding: 'utf8' });
    expect(real.status).toBe(0);
    expect(JSON.parse(real.stdout)).toMatchObject({ valid: true, issuer: { id: vendor.did, name: 'Demo Database Co.' }, achievement: { name: 'Certified Redis Associate' } });
  });

  it('names the status list by the address it was asked at when it has no public URL at all', async () => {
    const bare = await startHarness({ settings: { publicUrl: null } });
    try {
      // Before any credential names it, there is no list: a made-up Host header gets nothing signed or stored.
      expect((await call(bare, '/v1/credentials/status-list')).status).toBe(404);
      const forged = await bare.app.request('https://made-up.example/v1/credentials/status-list');
      expect(forged.status).toBe(404);
      const [credential] = (await enrol(bare, { certifications: [{ productId: 'mysql', level: 'associate' }] })).enrolment.credentials as any[];
      expect(credential.issuer.id).toMatch(/^did:key:z6Mk/);
      expect(credential.credentialStatus.statusListCredential).toBe('https://endpoint.test/v1/credentials/status-list');
      const list = (await call(bare, '/v1/credentials/status-list')).json;
      expect(list.id).toBe(credential.credentialStatus.statusListCredential);
      expect(await verify(bare, file(credential), '--status', file(list))).toMatchObject({ code: 0, result: { valid: true, revoked: false } });
      expect((await bare.app.request('https://made-up.example/v1/credentials/status-list')).status).toBe(404);
      expect(await bare.count('status_lists')).toBe(1);
    } finally {
      await bare.close();
    }
  });
});
