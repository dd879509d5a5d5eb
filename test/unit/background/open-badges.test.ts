// The worker and a vendor that issues Open Badges 3.0 credentials (did:key or did:web, each with a
// Bitstring Status List entry): verified at enrolment, revoked when the vendor's served list says
// so (and still revoked when the vendor is gone), legacy credentials shown as legacy, and status
// lists never fetched from anywhere but the vendor's endpoint.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  didKeyOf,
  didKeyVerificationMethod,
  didWebOf,
  didWebVerificationMethod,
  encodeBase64Url,
  generateIssuerKeys,
  issueStatusList,
  newCertificationCredential,
  signCredential,
  statusListEntry,
  type IssuerKeys,
} from '../../../src/core/credential';
import type { VendorView } from '../../../src/core/messages/views';
import { isOnEndpoint, trustedIssuerFor } from '../../../src/background/credentials';
import { CATALOG_INTERVAL_MS } from '../../../src/background/sync';
import { ENDPOINT, FakeVendor } from './helpers';
import { makeWorker, OPTIONS, value, vendorCatalog } from './world';
import { withEnglishMessages } from '../../messages';

withEnglishMessages(); // the worker writes credential reasons in the browser's language

const LIST_URL = `${ENDPOINT}/v1/credentials/status-list`;

interface Options {
  did: 'key' | 'web';
  listUrl?: string;
  /** Signs the status list with another key than the credentials. */
  listKey?: IssuerKeys;
  /** Signs the credentials with another key than the one published. */
  signingKey?: IssuerKeys;
}

/** A FakeVendor that enrols like the reference endpoint: DID issuer, status list entry, signed list. */
async function badgeVendor(now: () => number, options: Options) {
  const vendor = new FakeVendor();
  const keys = await generateIssuerKeys();
  const mk = keys.publicKeyMultibase;
  const did = options.did === 'key' ? didKeyOf(mk) : didWebOf(ENDPOINT);
  const method = (k: IssuerKeys) => (options.did === 'key' ? didKeyVerificationMethod(k.publicKeyMultibase) : didWebVerificationMethod(did, k.publicKeyMultibase));
  const signer = options.signingKey ?? keys;
  const listUrl = options.listUrl ?? LIST_URL;
  const issuerDid = options.did === 'key' ? didKeyOf(signer.publicKeyMultibase) : did;
  const credential = await signCredential(
    newCertificationCredential({
      issuer: { id: issuerDid, name: 'Acme Data', url: 'https://acme.example.com' },
      subject: { practitionerId: 'p1', name: 'Pat' },
      achievement: { vendorId: 'acme', productId: 'mysql', level: 'professional', name: 'Certified MySQL Professional' },
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2027-01-01T00:00:00Z',
      status: statusListEntry(listUrl, 4242),
    }),
    signer.privateKey,
    { verificationMethod: method(signer), created: '2026-01-01T00:00:00Z' },
  );
  const info = { id: 'acme', name: 'Acme Data', homepage: 'https://acme.example.com', publicKeyJwk: keys.publicKeyJwk, keyId: keys.keyId, did, publicKeyMultibase: mk };
  const state = { credential, revokedIndexes: new Set<number>(), codes: new Set(['GOOD-CODE']), info };
  vendor.catalogBody = vendorCatalog('acme', vendor.endpoint);
  vendor.token = 'tok_acme_0123456789abcdefghij';
  const listKey = options.listKey ?? keys;
  vendor.enrolment = (verb, path, body) => {
    if (verb === 'GET' && path === '/v1/vendor') return Response.json(state.info);
    if (verb === 'GET' && path === '/v1/credentials/status') return Response.json({ revoked: [], updatedAt: '2026-01-01T00:00:00Z' });
    if (verb === 'GET' && path === '/v1/credentials/status-list') {
      return (async () => {
        const t = now();
        const list = await issueStatusList(
          { url: LIST_URL, issuer: did, set: state.revokedIndexes, validFrom: new Date(t - 60_000), validUntil: new Date(t + 86_400_000) },
          listKey.privateKey,
          { verificationMethod: method(listKey), created: new Date(t).toISOString() },
        );
        return Response.json(list);
      })() as unknown as Response;
    }
    if (verb === 'POST' && path === '/v1/enrol') {
      if (!state.codes.delete(body?.code)) return Response.json({ title: 'Unauthorized', status: 401, detail: 'bad code' }, { status: 401 });
      return Response.json({
        practitioner: { id: 'p1', number: 42, displayName: 'Pat', email: 'pat@example.com' },
        vendor: state.info,
        accessToken: vendor.token,
        referralSecret: encodeBase64Url(new Uint8Array(32).fill(7)),
        credentials: [credential],
      });
    }
    return null;
  };
  return { vendor, state };
}

async function enrolled(options: Options) {
  let clockNow = () => 0;
  const { vendor, state } = await badgeVendor(() => clockNow(), options);
  const world = makeWorker({ vendor });
  clockNow = world.time.now;
  const enrolledView = await world.send('vendors.enrol', { endpoint: ENDPOINT, code: 'GOOD-CODE' }, OPTIONS);
  const list = async () => value<{ vendors: VendorView[] }>(await world.send('vendors.list', {}, OPTIONS)).vendors[0]!;
  /** Lets time pass until the worker checks the catalog and revocation again, and syncs. */
  const laterSync = async () => {
    world.time.advance(CATALOG_INTERVAL_MS + 60_000);
    value(await world.send('sync.now'));
  };
  return { world, vendor, state, enrolledView, list, laterSync };
}

const listFetches = (vendor: FakeVendor) => vendor.requests.filter((r) => r.url === LIST_URL).length;

describe('Open Badges credentials in the worker', () => {
  it.each(['key', 'web'] as const)('did:%s: verified at enrolment, revoked once the served status list says so, and revoked for good', async (did) => {
    const { world, vendor, state, enrolledView, list, laterSync } = await enrolled({ did });
    expect(value<VendorView>(enrolledView).credentials[0]).toMatchObject({ state: 'valid', productId: 'mysql', level: 'professional' });
    const first = await list();
    expect(first.certified).toBe(true);
    expect(first.credentials[0]!.legacy).toBeUndefined();
    expect(first.credentials[0]!.statusProblem).toBeUndefined();
    expect(listFetches(vendor)).toBe(1); // fetched at enrolment, without the access token
    expect(vendor.requests.find((r) => r.url === LIST_URL)!.headers.authorization).toBeUndefined();

    state.revokedIndexes.add(4242);
    await laterSync();
    expect(listFetches(vendor)).toBe(2);
    expect(await list()).toMatchObject({ certified: false, credentials: [{ state: 'revoked', reason: 'Revoked by the issuer' }] });

    // The vendor goes away and the last list it served is long stale: still revoked.
    vendor.fallback = { kind: 'status', status: 503 };
    world.time.advance(30 * 86_400_000);
    await laterSync();
    expect(await list()).toMatchObject({ certified: false, credentials: [{ state: 'revoked' }] });
  });

  it('stays certified while the vendor is unreachable and the stored list has gone stale (a revocation it never saw cannot show)', async () => {
    const { vendor, list, laterSync } = await enrolled({ did: 'key' });
    vendor.fallback = { kind: 'reset' };
    await laterSync();
    await laterSync();
    expect(await list()).toMatchObject({ certified: true, credentials: [{ state: 'valid' }] });
    expect((await list()).credentials[0]!.statusProblem).toBeUndefined();
  });

  it('never fetches a status list outside the vendor endpoint, and says revocation was not checked', async () => {
    const { vendor, list } = await enrolled({ did: 'key', listUrl: 'https://lists.elsewhere.test/v1/credentials/status-list' });
    expect(vendor.requests.some((r) => r.url.includes('elsewhere'))).toBe(false);
    const [credential] = (await list()).credentials;
    expect(credential).toMatchObject({ state: 'valid', statusProblem: expect.stringMatching(/lists\.elsewhere\.test.*outside the vendor's endpoint https:\/\/vendor\.test/) });
    expect(isOnEndpoint('https://vendor.test/v1/x', 'https://vendor.test')).toBe(true);
    expect(isOnEndpoint('https://vendor.test.evil.example/v1/x', 'https://vendor.test')).toBe(false);
    expect(isOnEndpoint('https://vendor.test/other/list', 'https://vendor.test/advocate')).toBe(false);
    expect(isOnEndpoint('https://user:pw@vendor.test/v1/x', 'https://vendor.test')).toBe(false);
    expect(isOnEndpoint('not a url', 'https://vendor.test')).toBe(false);
  });

  it('a status list signed with another key leaves the credential valid, with the reason its revocation is unknown', async () => {
    const { list } = await enrolled({ did: 'web', listKey: await generateIssuerKeys() });
    expect((await list()).credentials[0]).toMatchObject({ state: 'valid', statusProblem: expect.stringMatching(/^Revocation not checked: The status list .* does not verify/) });
  });

  it('a credential naming the vendor DID but signed with another key is not certified', async () => {
    const { list } = await enrolled({ did: 'web', signingKey: await generateIssuerKeys() });
    const view = await list();
    expect(view.certified).toBe(false);
    expect(view.credentials[0]!.state).toBe('wrong-issuer');
    expect(view.credentials[0]!.productId).toBeUndefined(); // no claim of a bad signature is shown
  });

  it('refuses an endpoint whose did:key is not the key it publishes', async () => {
    let t = () => 0;
    const { vendor, state } = await badgeVendor(() => t(), { did: 'key' });
    state.info = { ...state.info, did: didKeyOf((await generateIssuerKeys()).publicKeyMultibase) };
    const world = makeWorker({ vendor });
    t = world.time.now;
    const refused = await world.send('vendors.enrol', { endpoint: ENDPOINT, code: 'GOOD-CODE' }, OPTIONS);
    expect(refused).toMatchObject({ ok: false, error: { code: 'enrol-failed', message: expect.stringMatching(/name the same Ed25519 key/) } });
    expect(state.codes.has('GOOD-CODE')).toBe(true); // refused before the code was spent
  });

  it('shows a credential from an older endpoint (advocate-eddsa-jcs-2025) as valid and legacy', async () => {
    const fixtures = join(import.meta.dirname, '../credential/fixtures');
    const legacy = JSON.parse(readFileSync(join(fixtures, 'legacy-advocate-eddsa-jcs-2025.json'), 'utf8'));
    const issuer = JSON.parse(readFileSync(join(fixtures, 'legacy-issuer.json'), 'utf8'));
    const vendor = new FakeVendor();
    vendor.catalogBody = vendorCatalog('acme', vendor.endpoint);
    vendor.token = 'tok_acme_0123456789abcdefghij';
    const codes = new Set(['OLD']);
    const info = { id: 'acme', name: 'Acme Data', homepage: 'https://acme.example.com', publicKeyJwk: issuer.publicKeyJwk, keyId: issuer.keyId };
    vendor.enrolment = (verb, path, body) => {
      if (path === '/v1/vendor') return Response.json(info);
      if (path === '/v1/credentials/status') return Response.json({ revoked: [], updatedAt: '2026-01-01T00:00:00Z' });
      if (verb === 'POST' && path === '/v1/enrol' && codes.delete(body?.code)) {
        return Response.json({ practitioner: { id: 'p1', number: 42, displayName: 'Pat', email: 'p@example.com' }, vendor: info, accessToken: vendor.token, referralSecret: encodeBase64Url(new Uint8Array(32).fill(1)), credentials: [legacy] });
      }
      return null;
    };
    const world = makeWorker({ vendor });
    const view = value<VendorView>(await world.send('vendors.enrol', { endpoint: ENDPOINT, code: 'OLD' }, OPTIONS));
    expect(view.certified).toBe(true);
    expect(view.credentials[0]).toMatchObject({ state: 'valid', legacy: true, reason: expect.stringMatching(/older Advocate signature, accepted until it expires/) });
    expect(trustedIssuerFor({ id: 'acme', publicKeyJwk: issuer.publicKeyJwk, keyId: issuer.keyId }, legacy)).toMatchObject({ id: 'acme', keyId: issuer.keyId });
  });
});
