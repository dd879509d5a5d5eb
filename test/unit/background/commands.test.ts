import { afterEach, describe, expect, it, vi } from 'vitest';
import { DbHandle } from '../../../src/background/db';
import type { ActivityView, ReferralView, VendorView } from '../../../src/core/messages/views';
import { ENDPOINT, FakeVendor, memoryLock } from './helpers';
import { contentScript, enrolledWorker, enrollable, makeWorker, OPTIONS, POPUP } from './world';

const detection = { pageType: 'project', site: 'github', keys: ['github:mysql/mysql-server'], confidence: 0.95 };
const create = { vendorId: 'acme', productId: 'mysql', offerId: 'enterprise', channel: 'forum-answer' };

function value<T>(result: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

afterEach(() => vi.restoreAllMocks());

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
    expect(view.credentials[0]).toMatchObject({ state: 'expired', reason: expect.stringMatching(/Expired on 2026-02-01/) });
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
    expect(await enrolWith(ENDPOINT)).toMatchObject({ ok: false, error: { code: 'enrol-failed', message: expect.stringMatching(/does not look like an Advocate vendor endpoint/) } });

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
    expect(await answerWith({ accessToken: 'x' })).toMatchObject({ ok: false, error: { code: 'enrol-failed', message: expect.stringMatching(/not valid.*Nothing was stored/) } });
    // Matches the pattern but does not decode to 32 bytes.
    expect(await answerWith({ ...validAnswer, referralSecret: 'S'.repeat(43) })).toMatchObject({ ok: false, error: { code: 'enrol-failed', message: expect.stringMatching(/referral secret/) } });
    expect(await answerWith({ ...validAnswer, vendor: { ...validAnswer.vendor, id: 'globex' } })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/different vendor/) } });
    expect(await (await db.get()).count('vendors')).toBe(0);
    expect(await (await db.get()).count('secrets')).toBe(0);
    expect(await answerWith(validAnswer)).toMatchObject({ ok: true });
  });
});

describe('referrals.create', () => {
  it('answers with the referral, its link and the share texts only once it is committed', async () => {
    const { send, db, kicks } = await enrolledWorker();
    const kicksBefore = kicks.length;
    const created = value<{ referral: ReferralView; link: string; share: { markdown: string; text: string; html: string } }>(
      await send('referrals.create', { ...create, pageUrl: 'https://github.com/mysql/mysql-server/issues/1', campaign: 'spring' }),
    );
    expect(created.link).toBe(`${ENDPOINT}/r/${created.referral.code}?o=enterprise`);
    expect(created.referral).toMatchObject({ vendorId: 'acme', sync: 'pending', pageHost: 'github.com', campaign: 'spring' });
    expect(created.referral.pageUrl).toBeUndefined(); // default share level: host only
    expect(created.share.markdown).toContain(`](${created.link})`);
    expect(created.share.text).toMatch(/paid referral link/);
    expect(created.share.html).toContain('rel="sponsored noopener"');
    // Committed: a different connection (another worker) sees it right away.
    const other = new DbHandle({ name: (await db.get()).name });
    expect(await (await other.get()).get('referrals', created.referral.id)).toMatchObject({ sync: 'pending', link: created.link });
    await other.close();
    expect(kicks).toHaveLength(kicksBefore + 1); // a sync was started
  });

  it('refuses vendors the practitioner is not enrolled with and offers not in the catalog', async () => {
    const { send } = await enrolledWorker();
    expect(await send('referrals.create', { ...create, vendorId: 'globex' }, contentScript())).toMatchObject({ ok: false, error: { code: 'not-enrolled' } });
    expect(await send('referrals.create', { ...create, offerId: 'platinum' })).toMatchObject({ ok: false, error: { code: 'unknown-offer' } });
  });

  it('from a content script: only for its own page', async () => {
    const { send } = await enrolledWorker();
    const sender = contentScript('https://github.com/mysql/mysql-server');
    expect(await send('referrals.create', { ...create, pageUrl: 'https://elsewhere.example/' }, sender)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send('referrals.create', { ...create, pageUrl: 'https://github.com/mysql/mysql-server' }, sender)).toMatchObject({ ok: true });
  });

  it('reports a full disk clearly and loses nothing already stored', async () => {
    const { send, db } = await enrolledWorker();
    const first = value<{ referral: ReferralView }>(await send('referrals.create', create));
    const spy = vi.spyOn(globalThis.IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const failed = await send('referrals.create', create);
    expect(failed).toMatchObject({ ok: false, error: { code: 'storage-full', message: expect.stringMatching(/no room left/) } });
    const { problems } = value<{ problems: { code: string }[] }>(await send('vendors.list'));
    expect(problems.map((p) => p.code)).toContain('storage-full');
    const activity = value<ActivityView>(await send('activity.get'));
    expect(activity.problems.map((p) => p.code)).toContain('storage-full');
    spy.mockRestore();
    expect((await (await db.get()).getAll('referrals')).map((r) => r.id)).toEqual([first.referral.id]);
    // The next successful write clears the problem.
    expect(await send('referrals.create', create)).toMatchObject({ ok: true });
    expect(value<{ problems: { code: string }[] }>(await send('vendors.list')).problems).toEqual([]);
  });
});

describe('sync through commands', () => {
  it('sync.now delivers, activity.get shows stats, new conversions and clears them on markSeen', async () => {
    const world = await enrolledWorker();
    const { referral } = value<{ referral: ReferralView }>(await world.send('referrals.create', create));
    world.vendor.statsBody = {
      practitionerId: 'p1',
      currency: 'USD',
      generatedAt: '2026-03-01T10:00:00Z',
      totals: { referrals: 1, clicks: 5, conversions: 2, commission: { pending: 1000, approved: 0, paid: 0, reversed: 0 } },
      referrals: [{ id: referral.id, code: referral.code, productId: 'mysql', offerId: 'enterprise', clicks: 5, conversions: 2, commission: { pending: 1000, approved: 0, paid: 0, reversed: 0 } }],
    };
    const report = value<{ accepted: number }>(await world.send('sync.now'));
    expect(report.accepted).toBe(1);
    expect(world.vendor.referrals.has(referral.id)).toBe(true);
    const activity = value<ActivityView>(await world.send('activity.get'));
    expect(activity.referrals[0]).toMatchObject({ id: referral.id, sync: 'synced', stats: { clicks: 5, conversions: 2 }, productName: 'MySQL', offerName: 'MySQL Enterprise' });
    expect(activity.totals[0]).toMatchObject({ vendorId: 'acme', clicks: 5, conversions: 2, currency: 'USD' });
    expect(activity.newConversions).toBe(2);
    expect(activity.unsynced).toBe(0);
    value(await world.send('activity.get', { markSeen: true }));
    expect(value<ActivityView>(await world.send('activity.get')).newConversions).toBe(0);
  });

  it('a parked referral is shown with its error and outbox.retry re-queues it', async () => {
    const world = await enrolledWorker();
    const { referral } = value<{ referral: ReferralView }>(await world.send('referrals.create', create));
    world.vendor.script = [{ kind: 'reject-ids', ids: new Set([referral.id]) }];
    value(await world.send('sync.now'));
    const activity = value<ActivityView>(await world.send('activity.get'));
    expect(activity.parked).toEqual([expect.objectContaining({ id: referral.id, sync: 'parked', error: expect.stringMatching(/Unknown offer/) })]);
    expect(activity.problems.map((p) => p.code)).toContain('parked-items');
    expect(value<{ requeued: boolean }>(await world.send('outbox.retry', { id: referral.id })).requeued).toBe(true);
    value(await world.send('sync.now'));
    expect(value<ActivityView>(await world.send('activity.get')).referrals[0]).toMatchObject({ sync: 'synced' });
  });

  it('a 401 shows "enrol again" in vendors.list; enrolling again resumes sync of the waiting items', async () => {
    const world = await enrolledWorker();
    const { referral } = value<{ referral: ReferralView }>(await world.send('referrals.create', create));
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

describe('vendors.leave', () => {
  it('tells the vendor, removes secrets, stats and catalog, and parks what was not sent', async () => {
    const world = await enrolledWorker();
    value(await world.send('referrals.create', create));
    const left = value<{ removed: boolean; vendorNotified: boolean }>(await world.send('vendors.leave', { vendorId: 'acme' }));
    expect(left).toEqual({ removed: true, vendorNotified: true });
    expect(world.enrolment.deleted).toBe(1);
    const conn = await world.db.get();
    expect(await conn.count('secrets')).toBe(0);
    expect(await conn.count('vendors')).toBe(0);
    expect(await conn.count('catalogs')).toBe(0);
    const [kept] = await conn.getAll('referrals');
    expect(kept).toMatchObject({ sync: 'parked', error: expect.stringMatching(/You left/) });
  });

  it('works offline (the vendor cannot be told)', async () => {
    const world = await enrolledWorker();
    world.vendor.script = [{ kind: 'reset' }];
    expect(value(await world.send('vendors.leave', { vendorId: 'acme' }))).toEqual({ removed: true, vendorNotified: false });
    expect(await (await world.db.get()).count('secrets')).toBe(0);
  });
});

describe('deals.register', () => {
  it('stores the deal durably and delivers it', async () => {
    const world = await enrolledWorker();
    const deal = value<{ id: string; sync: string; customerDomain: string }>(
      await world.send('deals.register', { vendorId: 'acme', productId: 'mysql', customerName: 'Initech', customerDomain: 'Initech.example', expectedSeats: 40 }),
    );
    expect(deal).toMatchObject({ sync: 'pending', customerDomain: 'initech.example' });
    value(await world.send('sync.now'));
    expect(world.vendor.deals.has(deal.id)).toBe(true);
    expect(await world.send('deals.register', { vendorId: 'nobody', productId: 'mysql', customerName: 'X', customerDomain: 'x.example' })).toMatchObject({ ok: false, error: { code: 'not-enrolled' } });
  });
});

describe('page.detected and page.forTab', () => {
  it('matches locally; a content script hears only about enrolled vendors; the popup sees the tab after a worker restart', async () => {
    const world = await enrolledWorker();
    const page = 'https://github.com/mysql/mysql-server';
    const forContent = value<{ products: { productId: string; offers: { vendorId: string }[] }[] }>(await world.send('page.detected', { url: page, detection }, contentScript(page, 9)));
    expect(forContent.products.map((p) => p.productId)).toEqual(['mysql']);
    expect(forContent.products[0]!.offers.every((o) => o.vendorId === 'acme')).toBe(true);
    expect(JSON.stringify(forContent)).not.toContain(world.vendor.token);

    // A new worker over the same session storage and database.
    const restarted = makeWorker({ db: world.db, vendor: world.vendor });
    for (const [k, v] of world.session.data) restarted.session.data.set(k, v);
    const tab = value<{ url: string; match: { products: { productId: string }[] } } | null>(await restarted.send('page.forTab', { tabId: 9 }));
    expect(tab?.url).toBe(page);
    expect(tab?.match.products.map((p) => p.productId)).toContain('mysql');
    expect(value(await restarted.send('page.forTab', { tabId: 1234 }))).toBeNull();
  });

  it('gives a content script nothing when suggestions are off or the site is muted', async () => {
    const world = await enrolledWorker();
    const page = 'https://github.com/mysql/mysql-server';
    value(await world.send('settings.set', { mutedHosts: ['GitHub.com'] }, OPTIONS));
    const muted = value<{ products: unknown[] }>(await world.send('page.detected', { url: page, detection }, contentScript(page)));
    expect(muted.products).toEqual([]);
  });

  it('without enrolment, a content script gets no offers while the popup still sees starter matches', async () => {
    const world = makeWorker();
    const page = 'https://github.com/mysql/mysql-server';
    const content = value<{ products: unknown[] }>(await world.send('page.detected', { url: page, detection }, contentScript(page)));
    expect(content.products).toEqual([]);
    const popup = value<{ products: unknown[] }>(await world.send('page.detected', { url: page, detection }, POPUP));
    expect(Array.isArray(popup.products)).toBe(true);
  });
});

describe('catalog.search', () => {
  it('finds products by name, enrolled vendors first', async () => {
    const world = await enrolledWorker();
    const hits = value<{ vendorId: string; productId: string; enrolled: boolean }[]>(await world.send('catalog.search', { query: 'mysql' }));
    expect(hits[0]).toMatchObject({ vendorId: 'acme', productId: 'mysql', enrolled: true });
    expect(value<unknown[]>(await world.send('catalog.search', { query: 'zzzz-no-such-product' }))).toEqual([]);
  });
});

describe('settings', () => {
  it('defaults, validates the disclosure (never empty, must say paid) and keeps it', async () => {
    const { send } = makeWorker();
    expect(value<{ sharePageUrl: string; disclosure: string }>(await send('settings.get'))).toMatchObject({ sharePageUrl: 'host', disclosure: expect.stringMatching(/paid/) });
    expect(await send('settings.set', { disclosure: '' }, OPTIONS)).toMatchObject({ ok: false, error: { code: 'invalid-disclosure', message: expect.stringMatching(/cannot be empty/) } });
    expect(await send('settings.set', { disclosure: 'https://example.com' }, OPTIONS)).toMatchObject({ ok: false, error: { code: 'invalid-disclosure' } });
    const wording = 'Paid link: I earn a referral fee from {vendor} if you subscribe to {offer}.';
    expect(value(await send('settings.set', { disclosure: wording, sharePageUrl: 'full' }, OPTIONS))).toMatchObject({ disclosure: wording, sharePageUrl: 'full' });
    expect(value(await send('settings.get'))).toMatchObject({ disclosure: wording, sharePageUrl: 'full' });
  });

  it('the chosen share level and disclosure are used for new referrals', async () => {
    const world = await enrolledWorker();
    value(await world.send('settings.set', { disclosure: 'Paid link: I earn a referral fee from {vendor}.', sharePageUrl: 'full' }, OPTIONS));
    const created = value<{ referral: ReferralView; share: { text: string } }>(await world.send('referrals.create', { ...create, pageUrl: 'https://github.com/mysql/mysql-server/issues/1' }));
    expect(created.referral.pageUrl).toBe('https://github.com/mysql/mysql-server/issues/1');
    expect(created.share.text).toContain('Paid link: I earn a referral fee from Acme Data.');
  });
});

describe('data.export / data.import', () => {
  it('round-trips referrals, deals and settings into a fresh profile, never exporting secrets', async () => {
    const world = await enrolledWorker();
    value(await world.send('referrals.create', create));
    value(await world.send('deals.register', { vendorId: 'acme', productId: 'mysql', customerName: 'Initech', customerDomain: 'initech.example' }));
    const exported = value<{ json: string; fileName: string }>(await world.send('data.export', {}, OPTIONS));
    expect(exported.fileName).toMatch(/^advocate-export-2026-03-01\.json$/);
    expect(exported.json).not.toContain(world.vendor.token);
    expect(exported.json).not.toContain(world.enrolment.referralSecret);

    const fresh = makeWorker();
    expect(value(await fresh.send('data.import', { json: exported.json }, OPTIONS))).toEqual({ referralsAdded: 1, dealsAdded: 1, skippedExisting: 0, settingsImported: true });
    // Importing again adds nothing and changes nothing.
    expect(value(await fresh.send('data.import', { json: exported.json }, OPTIONS))).toMatchObject({ referralsAdded: 0, dealsAdded: 0, skippedExisting: 2 });
    expect(await (await fresh.db.get()).count('referrals')).toBe(1);
  });

  it('refuses a bad file with a clear message and loses nothing', async () => {
    const world = await enrolledWorker();
    value(await world.send('referrals.create', create));
    const before = await (await world.db.get()).getAll('referrals');
    expect(await world.send('data.import', { json: '{not json' }, OPTIONS)).toMatchObject({ ok: false, error: { code: 'bad-import', message: expect.stringMatching(/not valid JSON/) } });
    expect(await world.send('data.import', { json: '{"format":"something-else"}' }, OPTIONS)).toMatchObject({ ok: false, error: { code: 'bad-import', message: expect.stringMatching(/not an Advocate export/) } });
    const exported = JSON.parse(value<{ json: string }>(await world.send('data.export', {}, OPTIONS)).json);
    exported.referrals.push({ ...exported.referrals[0], id: 'not-a-uuid' });
    expect(await world.send('data.import', { json: JSON.stringify(exported) }, OPTIONS)).toMatchObject({ ok: false, error: { code: 'bad-import' } });
    expect(await (await world.db.get()).getAll('referrals')).toEqual(before);
  });
});

describe('the sync lock is shared', () => {
  it('sync.now reports skipped while another context syncs', async () => {
    const lock = memoryLock();
    let release!: () => void;
    void lock(() => new Promise<void>((r) => (release = r)));
    const vendor = new FakeVendor();
    const { createSyncer } = await import('../../../src/background/sync');
    const world = makeWorker({ vendor });
    const syncer = createSyncer({ db: world.db, fetch: vendor.fetch, now: world.time.now, random: Math.random, withLock: lock });
    expect((await syncer.syncAll()).skipped).toBe(true);
    release();
  });
});
