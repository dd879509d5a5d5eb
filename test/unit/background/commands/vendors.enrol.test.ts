import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityView, ReferralView, VendorView } from '../../../../src/core/messages/views';
import { ENDPOINT, FakeVendor } from '../helpers';
import { CREATE, enrolledWorker, enrollable, makeWorker, OPTIONS, value } from '../world';
import { de, en, installI18n, removeI18n } from '../../../messages';
import { formatDate } from '../../../../src/ui/format';

// The worker words its errors with chrome.i18n, as the pages do: English here.
beforeEach(installI18n);
afterEach(removeI18n);

describe('vendors.enrol', () => {
  it('enrols, verifies the certification, stores secrets out of every answer, and fetches the catalog', async () => {
    const world = await enrolledWorker();
    const { send, db, vendor } = world;
    const { vendors, problems } = value<{ vendors: VendorView[]; problems: unknown[] }>(await send('vendors.list'));
    expect(problems).toEqual([]);
    expect(vendors).toHaveLength(1);
    expect(vendors[0]).toMatchObject({ id: 'acme', endpoint: ENDPOINT, certified: true, practitioner: { number: 42 }, catalog: { products: 1 } });
    expect(vendors[0]!.credentials[0]).toMatchObject({ state: 'valid', productId: 'mysql', level: 'professional' });
    expect(JSON.stringify(vendors)).not.toContain(vendor.token);
    expect(JSON.stringify(vendors)).not.toContain(world.enrolment.referralSecret);
    expect(await (await db.get()).get('secrets', 'acme')).toMatchObject({ accessToken: vendor.token });
  });

  it('shows an expired certification as such and gives no certified status', async () => {
    const vendor = new FakeVendor();
    await enrollable(vendor, { validUntil: '2026-02-01T00:00:00Z' });
    const { send } = makeWorker({ vendor });
    const view = value<VendorView>(await send('vendors.enrol', { endpoint: ENDPOINT, code: 'GOOD-CODE' }, OPTIONS));
    expect(view.certified).toBe(false);
    expect(view.credentials[0]).toMatchObject({ state: 'expired', validUntil: expect.stringMatching(/^2026-02-01/) });
    expect(view.credentials[0]!.reason).toBe(en('credWhyExpired', formatDate(view.credentials[0]!.validUntil))); // "Expired on Feb 1, 2026"
  });

  it('words the certification in the browser’s language', async () => {
    installI18n('de');
    const vendor = new FakeVendor();
    await enrollable(vendor, { validUntil: '2026-02-01T00:00:00Z' });
    const { send } = makeWorker({ vendor });
    const view = value<VendorView>(await send('vendors.enrol', { endpoint: ENDPOINT, code: 'GOOD-CODE' }, OPTIONS));
    expect(view.credentials[0]!.reason).toBe(de('credWhyExpired', formatDate(view.credentials[0]!.validUntil)));
    expect(view.credentials[0]!.reason).toMatch(/^Abgelaufen am 1\. Feb\.? 2026$/);
  });

  it('shows a certification that expired since enrolment as expired, and one the vendor revoked as revoked', async () => {
    const world = await enrolledWorker();
    const list = async () => value<{ vendors: VendorView[] }>(await world.send('vendors.list')).vendors[0]!;
    expect((await list()).certified).toBe(true);
    world.time.set(Date.parse('2027-02-01T00:00:00Z'));
    expect(await list()).toMatchObject({ certified: false, credentials: [{ state: 'expired' }] });
    world.time.set(Date.parse('2026-06-01T00:00:00Z'));
    world.enrolment.revoked.push(world.enrolment.credential.id);
    value(await world.send('sync.now')); // the catalog and revocation list are due again by now
    expect(await list()).toMatchObject({ certified: false, credentials: [{ state: 'revoked' }] });
  });

  it('gives clear errors for a bad endpoint, a wrong code, garbage and an invalid catalog, leaving earlier enrolments untouched', async () => {
    const world = await enrolledWorker();
    const before = value<{ vendors: VendorView[] }>(await world.send('vendors.list')).vendors;
    const enrolWith = (endpoint: string, code = 'GOOD-CODE') => world.send('vendors.enrol', { endpoint, code }, OPTIONS);

    expect(await enrolWith('not a url')).toMatchObject({ ok: false, error: { code: 'bad-endpoint', message: expect.stringMatching(/not a web address/) } });
    expect(await enrolWith('http://vendor.example')).toMatchObject({ ok: false, error: { code: 'bad-endpoint', message: expect.stringMatching(/https/) } });
    expect(await enrolWith('https://vendor.test/?x=1')).toMatchObject({ ok: false, error: { code: 'bad-endpoint' } });
    expect(await enrolWith(ENDPOINT, 'USED-OR-WRONG')).toMatchObject({ ok: false, error: { code: 'enrolment-code-invalid', message: expect.stringMatching(/wrong, already used or expired/) } });

    world.vendor.script = [{ kind: 'body', body: '{"id": 5}' }];
    expect(await enrolWith(ENDPOINT)).toMatchObject({ ok: false, error: { code: 'enrol-failed', message: expect.stringMatching(/^vendor\.test answered, but it is not an Advocate endpoint \(its vendor description is incomplete: .*\): check that you typed/) } });

    const good = world.vendor.catalogBody;
    world.vendor.catalogBody = { schemaVersion: 1, vendors: [{ id: 'acme' }] };
    world.vendor.catalogEtag = '"v2"';
    world.enrolment.codes.add('FRESH');
    expect(await enrolWith(ENDPOINT, 'FRESH')).toMatchObject({ ok: false, error: { code: 'catalog-invalid' } });
    // The code was not spent on a failed enrolment.
    expect(world.enrolment.codes.has('FRESH')).toBe(true);
    world.vendor.catalogBody = good;

    const after = value<{ vendors: VendorView[] }>(await world.send('vendors.list')).vendors;
    expect(after).toEqual(before);
    expect(await (await world.db.get()).get('secrets', 'acme')).toMatchObject({ accessToken: world.vendor.token });
  });

  it('says in one sentence what happened and what to do when the endpoint is down, slow, a web page or failing', async () => {
    const vendor = new FakeVendor();
    await enrollable(vendor);
    const { send } = makeWorker({ vendor, timeoutMs: 1000 });
    const enrolWith = (endpoint = ENDPOINT) => send('vendors.enrol', { endpoint, code: 'GOOD-CODE' }, OPTIONS);
    const host = new URL(ENDPOINT).host;

    vendor.script = [{ kind: 'reset' }];
    const down = await enrolWith();
    expect(down).toEqual({
      ok: false,
      error: { code: 'enrol-unreachable', message: `Advocate could not reach ${host} (fetch failed: ECONNRESET): check the address and that the endpoint is running, then enrol again.` },
    });
    expect(JSON.stringify(down)).not.toMatch(/will retry|Could not reach the vendor/);

    vendor.script = [{ kind: 'hang' }];
    expect(await enrolWith()).toMatchObject({ ok: false, error: { code: 'enrol-timeout', message: `${host} did not answer within 1 seconds: check the address and that the endpoint is running, then enrol again.` } });

    vendor.script = [{ kind: 'status', status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><title>Welcome</title>' }];
    expect(await enrolWith()).toMatchObject({ ok: false, error: { code: 'not-advocate', message: `${host} answered, but it is not an Advocate endpoint (it sent a web page): check that you typed the endpoint address the vendor gave you.` } });

    vendor.script = [{ kind: 'status', status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not found</h1>' }];
    expect(await enrolWith()).toMatchObject({ ok: false, error: { code: 'not-advocate', message: expect.stringMatching(/not an Advocate endpoint \(HTTP 404 at the Advocate address\)/) } });

    vendor.script = [{ kind: 'status', status: 503 }];
    expect(await enrolWith()).toMatchObject({ ok: false, error: { code: 'enrol-vendor-down', message: `${host} has a problem right now (HTTP 503): try again in a few minutes, or tell the vendor if it keeps failing.` } });
    expect(vendor.enrolment).toBeDefined();
  });

  it('names why the catalog could not be fetched, in the browser’s language: no answer in time, not JSON', async () => {
    installI18n('de');
    const vendor = new FakeVendor();
    await enrollable(vendor);
    const { send } = makeWorker({ vendor, timeoutMs: 1000 });
    const enrolWith = () => send('vendors.enrol', { endpoint: ENDPOINT, code: 'GOOD-CODE' }, OPTIONS);
    // The vendor description answers; the catalog, asked next, does not.
    vendor.script = [{ kind: 'normal' }, { kind: 'hang' }];
    expect(await enrolWith()).toMatchObject({ ok: false, error: { code: 'catalog-invalid', message: de('enrolErrCatalog', 'keine Antwort in der vorgesehenen Zeit') } });
    vendor.script = [{ kind: 'normal' }, { kind: 'status', status: 200, headers: { 'content-type': 'text/plain' }, body: 'hello' }];
    expect(await enrolWith()).toMatchObject({ ok: false, error: { code: 'catalog-invalid', message: de('enrolErrCatalog', 'die Antwort ist kein JSON') } });
  });

  it('an endpoint typed with /v1 (and a trailing slash) is asked at /v1/vendor, never /v1/v1', async () => {
    const vendor = new FakeVendor();
    await enrollable(vendor);
    const { send } = makeWorker({ vendor });
    expect(await send('vendors.enrol', { endpoint: `${ENDPOINT}/v1/`, code: 'GOOD-CODE' }, OPTIONS)).toMatchObject({ ok: true });
    const paths = vendor.requests.map((r) => new URL(r.url).pathname);
    expect(paths).toContain('/v1/vendor');
    expect(paths).toContain('/v1/enrol');
    expect(paths.filter((p) => p.includes('/v1/v1'))).toEqual([]);
  });

  it('refuses an enrolment answer that is garbage and stores nothing', async () => {
    const vendor = new FakeVendor();
    const enrolment = await enrollable(vendor);
    const realEnrol = vendor.enrolment!;
    const validAnswer = await realEnrol('POST', '/v1/enrol', { code: 'GOOD-CODE' })!.json();
    const { send, db } = makeWorker({ vendor });
    const answerWith = (body: unknown) => {
      vendor.enrolment = (method, path, reqBody) => (path === '/v1/enrol' ? Response.json(body) : realEnrol(method, path, reqBody));
      enrolment.codes.add('CODE');
      return send('vendors.enrol', { endpoint: ENDPOINT, code: 'CODE' }, OPTIONS);
    };
    expect(await answerWith({ accessToken: 'x' })).toMatchObject({ ok: false, error: { code: 'enrol-failed', message: expect.stringMatching(/not valid.*so nothing was stored: tell the vendor\.$/) } });
    // Matches the pattern but does not decode to 32 bytes.
    expect(await answerWith({ ...validAnswer, referralSecret: 'S'.repeat(43) })).toMatchObject({ ok: false, error: { code: 'enrol-failed', message: expect.stringMatching(/referral secret/) } });
    expect(await answerWith({ ...validAnswer, vendor: { ...validAnswer.vendor, id: 'globex' } })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/different vendor/) } });
    expect(await (await db.get()).count('vendors')).toBe(0);
    expect(await (await db.get()).count('secrets')).toBe(0);
    expect(await answerWith(validAnswer)).toMatchObject({ ok: true });
  });

  it('after a 401, enrolling again at the same endpoint resumes sync of the waiting items', async () => {
    const world = await enrolledWorker();
    const { referral } = value<{ referral: ReferralView }>(await world.send('referrals.create', CREATE));
    world.vendor.script = [{ kind: 'status', status: 401 }];
    value(await world.send('sync.now'));
    const listed = value<{ vendors: VendorView[]; problems: { code: string }[] }>(await world.send('vendors.list'));
    expect(listed.vendors[0]!.sync).toMatchObject({ status: 'reenrol', pending: 1 });
    expect(listed.problems.map((p) => p.code)).toContain('vendor-reenrol');
    world.enrolment.codes.add('SECOND');
    expect(await world.send('vendors.enrol', { endpoint: ENDPOINT, code: 'SECOND' }, OPTIONS)).toMatchObject({ ok: true });
    value(await world.send('sync.now'));
    expect(world.vendor.referrals.has(referral.id)).toBe(true);
  });
});

describe('vendors.enrol: who a vendor is', () => {
  const CODE = 'GOOD-CODE';

  it('refuses an endpoint claiming the id of a vendor enrolled at another origin; nothing of that vendor changes', async () => {
    const impostor = new FakeVendor('https://impostor.test');
    await enrollable(impostor, { vendorId: 'acme' });
    const world = await enrolledWorker({ others: [impostor] });
    value(await world.send('referrals.create', CREATE));
    const conn = await world.db.get();
    const before = await Promise.all([conn.get('vendors', 'acme'), conn.get('secrets', 'acme'), conn.get('catalogs', 'acme'), conn.getAll('referrals')]);
    const refused = await world.send('vendors.enrol', { endpoint: impostor.endpoint, code: CODE }, OPTIONS);
    expect(refused).toMatchObject({ ok: false, error: { code: 'vendor-identity', message: expect.stringMatching(/already enrolled with Acme Data \(“acme”\) at https:\/\/vendor\.test.*leave it first/) } });
    expect(impostor.posts('/v1/enrol')).toHaveLength(0); // its code was not even used
    expect(await Promise.all([conn.get('vendors', 'acme'), conn.get('secrets', 'acme'), conn.get('catalogs', 'acme'), conn.getAll('referrals')])).toEqual(before);
    value(await world.send('sync.now'));
    expect(impostor.posts('/v1/referrals')).toHaveLength(0);
    expect(world.vendor.referrals.size).toBe(1); // the pending referral went where it was made for
  });

  it('refuses an endpoint claiming a starter-catalog vendor the starter catalog does not bind to it', async () => {
    const impostor = new FakeVendor('https://advocate.not-ibm.test');
    await enrollable(impostor, { vendorId: 'ibm' });
    const world = makeWorker({ vendor: impostor });
    const refused = await world.send('vendors.enrol', { endpoint: impostor.endpoint, code: CODE }, OPTIONS);
    expect(refused).toMatchObject({ ok: false, error: { code: 'vendor-identity', message: expect.stringMatching(/calls itself “ibm”, which is IBM in Advocate’s bundled catalog/) } });
    expect(await (await world.db.get()).count('vendors')).toBe(0);
    const hits = value<{ vendorId: string; vendorName: string }[]>(await world.send('catalog.search', { query: 'ceph' }));
    expect(hits.find((h) => h.vendorId === 'ibm')?.vendorName).toBe('IBM'); // the starter entry stands
  });

  it('leaving keeps what was not delivered, and enrolling again at the same origin delivers it with the new token', async () => {
    const world = await enrolledWorker();
    const { referral } = value<{ referral: ReferralView }>(await world.send('referrals.create', CREATE));
    world.vendor.fallback = { kind: 'status', status: 503 }; // not delivered before leaving
    value(await world.send('sync.now'));
    world.vendor.fallback = { kind: 'normal' };
    value(await world.send('vendors.leave', { vendorId: 'acme' }, OPTIONS));
    const kept = value<ActivityView>(await world.send('activity.get'));
    expect(kept.parked).toEqual([expect.objectContaining({ id: referral.id, sync: 'held', error: expect.stringMatching(/You left Acme Data.*enrol again with Acme Data at https:\/\/vendor\.test and it is sent, or delete it/) })]);
    expect(kept.parked[0]!.canRetry).toBeUndefined();
    world.enrolment.codes.add('AGAIN');
    world.vendor.token = 'tok_acme_rotated_0123456789abcdef';
    value(await world.send('vendors.enrol', { endpoint: ENDPOINT, code: 'AGAIN' }, OPTIONS));
    value(await world.send('sync.now'));
    expect(world.vendor.referrals.has(referral.id)).toBe(true);
    expect(world.vendor.posts('/v1/referrals').at(-1)!.headers.authorization).toBe(`Bearer ${world.vendor.token}`);
    expect(value<ActivityView>(await world.send('activity.get')).parked).toEqual([]);
  });

  it('held items never move to another endpoint that enrols under the same id', async () => {
    const elsewhere = new FakeVendor('https://elsewhere.test');
    const world = await enrolledWorker({ others: [elsewhere] });
    world.vendor.fallback = { kind: 'status', status: 503 };
    const { referral } = value<{ referral: ReferralView }>(await world.send('referrals.create', CREATE));
    value(await world.send('vendors.leave', { vendorId: 'acme' }, OPTIONS));
    await enrollable(elsewhere, { vendorId: 'acme' });
    value(await world.send('vendors.enrol', { endpoint: elsewhere.endpoint, code: CODE }, OPTIONS));
    value(await world.send('sync.now'));
    expect(elsewhere.posts('/v1/referrals')).toHaveLength(0);
    expect(value<ActivityView>(await world.send('activity.get')).parked).toEqual([expect.objectContaining({ id: referral.id, sync: 'held' })]);
  });

  /** A referral not delivered before leaving; then `change` to the enrolment, and enrolling again at the same endpoint. */
  async function reenrolAfter(change: (enrolment: Awaited<ReturnType<typeof enrolledWorker>>['enrolment']) => void) {
    const world = await enrolledWorker();
    world.vendor.fallback = { kind: 'status', status: 503 };
    const { referral } = value<{ referral: ReferralView }>(await world.send('referrals.create', CREATE));
    value(await world.send('vendors.leave', { vendorId: 'acme' }, OPTIONS));
    world.vendor.fallback = { kind: 'normal' };
    world.enrolment.codes.add('AGAIN');
    change(world.enrolment);
    value(await world.send('vendors.enrol', { endpoint: ENDPOINT, code: 'AGAIN' }, OPTIONS));
    return { world, referral };
  }

  it('enrolling again as another practitioner parks the kept items, saying why, with no retry offered', async () => {
    const { world, referral } = await reenrolAfter((enrolment) => (enrolment.practitionerNumber = 77));
    value(await world.send('sync.now'));
    expect(world.vendor.referrals.has(referral.id)).toBe(false);
    const [parked] = value<ActivityView>(await world.send('activity.get')).parked;
    expect(parked).toMatchObject({ id: referral.id, sync: 'parked', error: expect.stringMatching(/made as practitioner #42 at Acme Data, and you are now enrolled there as #77/) });
    expect(parked!.canRetry).toBeUndefined();
    expect(value(await world.send('outbox.retry', { id: referral.id }))).toEqual({ requeued: false });
  });

  it('a referral secret that changed on re-enrolment parks the kept referrals (their codes would not verify)', async () => {
    const { world, referral } = await reenrolAfter((enrolment) => (enrolment.referralSecret = 'B'.repeat(42) + 'A'));
    expect(value<ActivityView>(await world.send('activity.get')).parked).toEqual([
      expect.objectContaining({ id: referral.id, sync: 'parked', error: expect.stringMatching(/referral secret Acme Data no longer uses/) }),
    ]);
  });
});
