import { describe, expect, it } from 'vitest';
import { createSyncer, type SyncDeps } from '../../../src/background/sync';
import type { DbHandle } from '../../../src/background/db';
import { clock, FakeVendor, freshDb, memoryLock, seedReferrals, seedVendor, dealRecord, START } from './helpers';
import { withEnglishMessages } from '../../messages';

withEnglishMessages(); // the worker writes its sync reasons in the browser's language

function setup(overrides: Partial<SyncDeps> = {}) {
  const db = freshDb();
  const vendor = new FakeVendor();
  const time = clock();
  const deps: SyncDeps = { db, fetch: vendor.fetch, now: time.now, random: () => 0.5, withLock: memoryLock(), timeoutMs: 50, ...overrides };
  return { db, vendor, time, deps, syncer: createSyncer(deps) };
}

async function states(db: DbHandle) {
  const all = await (await db.get()).getAll('referrals');
  const count = (s: string) => all.filter((r) => r.sync === s).length;
  return { pending: count('pending'), synced: count('synced'), parked: count('parked'), all };
}
const vendorState = async (db: DbHandle, id = 'acme') => (await (await db.get()).get('vendors', id))!.sync;

describe('sync', () => {
  it('delivers pending referrals in batches of at most 100 and marks them synced', async () => {
    const { db, vendor, syncer } = setup();
    await seedVendor(db);
    await seedReferrals(db, 250);
    const report = await syncer.syncAll();
    expect(report).toMatchObject({ accepted: 250, parked: 0 });
    const posts = vendor.posts('/v1/referrals');
    expect(posts.map((p) => (p.body as { referrals: unknown[] }).referrals.length)).toEqual([100, 100, 50]);
    expect(vendor.referrals.size).toBe(250);
    expect(await states(db)).toMatchObject({ pending: 0, synced: 250 });
    expect(posts[0]!.headers.authorization).toBe('Bearer token-acme');
    // Stats are pulled after a sync that delivered something.
    expect((await (await db.get()).get('stats', 'acme'))?.stats.practitionerId).toBe('p1');
  });

  it('delivers deals too, and a second run sends nothing', async () => {
    const { db, vendor, syncer } = setup();
    await seedVendor(db);
    await (await db.get()).put('deals', dealRecord());
    await syncer.syncAll();
    await syncer.syncAll();
    expect(vendor.deals.size).toBe(1);
    expect(vendor.posts('/v1/deals')).toHaveLength(1);
    expect((await (await db.get()).getAll('deals'))[0]!.sync).toBe('synced');
  });

  it('accepts duplicated result entries and a resent batch without duplicates at the vendor', async () => {
    const { db, vendor, syncer } = setup();
    await seedVendor(db);
    await seedReferrals(db, 3);
    vendor.script = [{ kind: 'duplicate-results' }];
    await syncer.syncAll();
    expect(await states(db)).toMatchObject({ synced: 3 });
    expect(vendor.referrals.size).toBe(3);
  });

  it('treats an answer naming items it was not sent as garbage: nothing marked, retried later', async () => {
    const { db, vendor, syncer, time } = setup();
    await seedVendor(db);
    await seedReferrals(db, 2);
    vendor.script = [{ kind: 'body', body: JSON.stringify({ results: [{ id: 'someone-else', status: 'accepted' }] }) }];
    await syncer.syncAll();
    expect(await states(db)).toMatchObject({ pending: 2, synced: 0 });
    const state = await vendorState(db);
    expect(state.status).toBe('backoff');
    expect(state.lastError).toMatch(/did not send/);
    time.advance(60 * 60_000);
    await syncer.syncAll();
    expect(await states(db)).toMatchObject({ pending: 0, synced: 2 });
  });

  it('survives garbage (not JSON, wrong shape) with a clear retryable error', async () => {
    const { db, vendor, syncer } = setup();
    await seedVendor(db);
    await seedReferrals(db, 1);
    vendor.script = [{ kind: 'body', body: '<html>oops</html>' }];
    await syncer.syncAll();
    expect((await vendorState(db)).lastError).toMatch(/not JSON/);
    vendor.script = [{ kind: 'body', body: '{"results": "yes"}' }];
    await syncer.syncAll({ force: true });
    expect((await vendorState(db)).lastError).toMatch(/unknown format/);
    expect(await states(db)).toMatchObject({ pending: 1 });
    await syncer.syncAll({ force: true });
    expect(await states(db)).toMatchObject({ synced: 1 });
  });

  it('aborts a request that hangs (timeout) and keeps the items pending', async () => {
    const { db, vendor, syncer } = setup({ timeoutMs: 30 });
    await seedVendor(db);
    await seedReferrals(db, 5);
    vendor.script = [{ kind: 'hang' }];
    const report = await syncer.syncAll();
    expect(report.vendors[0]).toMatchObject({ status: 'backoff', error: expect.stringMatching(/did not answer in time/) });
    expect(await states(db)).toMatchObject({ pending: 5 });
    await syncer.syncAll({ force: true });
    expect(vendor.referrals.size).toBe(5);
    expect(await states(db)).toMatchObject({ synced: 5 });
  });

  it('honours 429 Retry-After in seconds, even for "Sync now"', async () => {
    const { db, vendor, syncer, time } = setup({ random: () => 0 });
    await seedVendor(db);
    await seedReferrals(db, 1);
    vendor.script = [{ kind: 'status', status: 429, headers: { 'retry-after': '120' } }];
    await syncer.syncAll();
    const state = await vendorState(db);
    expect(state.nextAttemptAt).toBe(START + 120_000);
    const requestsBefore = vendor.requests.length;
    time.advance(119_000);
    await syncer.syncAll({ force: true });
    expect(vendor.requests.length).toBe(requestsBefore);
    time.advance(1_000);
    await syncer.syncAll();
    expect(await states(db)).toMatchObject({ synced: 1 });
  });

  it('honours Retry-After as an HTTP date', async () => {
    const { db, vendor, syncer } = setup({ random: () => 0 });
    await seedVendor(db);
    await seedReferrals(db, 1);
    vendor.script = [{ kind: 'status', status: 503, headers: { 'retry-after': new Date(START + 300_000).toUTCString() } }];
    await syncer.syncAll();
    expect((await vendorState(db)).nextAttemptAt).toBe(START + 300_000);
  });

  it('backs off exponentially with jitter through a burst of 5xx and resets, then delivers everything once', async () => {
    const { db, vendor, syncer, time } = setup({ random: () => 0.999 });
    await seedVendor(db);
    const seeded = await seedReferrals(db, 130);
    vendor.script = [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 502 },
      { kind: 'reset' },
      { kind: 'status', status: 503 },
      { kind: 'normal' }, // first 100
      { kind: 'status', status: 500 }, // last 30 fail once
    ];
    const waits: number[] = [];
    for (let i = 0; i < 10 && (await states(db)).pending > 0; i++) {
      await syncer.syncAll();
      const state = await vendorState(db);
      if (state.status === 'backoff') {
        waits.push(state.nextAttemptAt - time.now());
        time.set(state.nextAttemptAt);
      }
    }
    // Full jitter with random≈1: ~30 s, ~60 s, ~120 s, ~240 s, then reset by the success.
    expect(waits.slice(0, 4).map((w) => Math.round(w / 1000))).toEqual([30, 60, 120, 240]);
    expect(vendor.referrals.size).toBe(130);
    expect([...vendor.referrals.keys()].sort()).toEqual(seeded.map((r) => r.id).sort());
    expect(await states(db)).toMatchObject({ pending: 0, synced: 130 });
    expect((await vendorState(db)).status).toBe('ok');
  });

  it('401 asks the practitioner to re-enrol and stops syncing that vendor only', async () => {
    const { db, vendor, syncer } = setup();
    await seedVendor(db, 'acme');
    await seedVendor(db, 'other', 'https://other.test', 'token-other');
    await seedReferrals(db, 2, 'acme');
    await seedReferrals(db, 2, 'other', 'https://other.test');
    const otherVendor = new FakeVendor('https://other.test');
    otherVendor.token = 'token-other';
    const routed = setup({ db, fetch: (url, init) => (url.startsWith('https://other.test') ? otherVendor.fetch(url, init) : vendor.fetch(url, init)) });
    vendor.script = [{ kind: 'status', status: 401, body: JSON.stringify({ title: 'Unauthorized', detail: 'token revoked' }) }];
    await routed.syncer.syncAll();
    const state = await vendorState(db, 'acme');
    expect(state.status).toBe('reenrol');
    expect(state.lastError).toMatch(/enrol again/);
    expect(state.lastError).toMatch(/token revoked/);
    expect(otherVendor.referrals.size).toBe(2);
    const before = vendor.requests.length;
    await routed.syncer.syncAll({ force: true });
    expect(vendor.requests.length).toBe(before);
    expect((await states(db)).pending).toBe(2);
    void syncer;
  });

  it('410 stops syncing the vendor for good; items stay stored', async () => {
    const { db, vendor, syncer, time } = setup();
    await seedVendor(db);
    await seedReferrals(db, 3);
    vendor.script = [{ kind: 'status', status: 410 }];
    await syncer.syncAll();
    expect((await vendorState(db)).status).toBe('gone');
    time.advance(7 * 24 * 3600_000);
    await syncer.syncAll({ force: true });
    expect(vendor.posts('/v1/referrals')).toHaveLength(1);
    expect((await states(db)).pending).toBe(3);
  });

  it('parks a rejected item with its error and syncs the rest; outbox.retry re-queues it', async () => {
    const { db, vendor, syncer } = setup();
    await seedVendor(db);
    const [bad, ...good] = await seedReferrals(db, 4);
    vendor.script = [{ kind: 'reject-ids', ids: new Set([bad!.id]) }];
    const report = await syncer.syncAll();
    expect(report).toMatchObject({ accepted: 3, parked: 1 });
    const after = await states(db);
    const parked = after.all.find((r) => r.id === bad!.id)!;
    expect(parked.sync).toBe('parked');
    expect(parked.error).toBe('Unknown offer — offer "pro" is not in the catalog');
    expect(good.every((g) => after.all.find((r) => r.id === g.id)!.sync === 'synced')).toBe(true);
    // A parked item is not sent again until the practitioner asks.
    await syncer.syncAll({ force: true });
    expect(vendor.posts('/v1/referrals')).toHaveLength(1);
    const { requeue } = await import('../../../src/background/outbox');
    expect(await requeue(await db.get(), bad!.id, () => true)).toBe(true);
    expect(await requeue(await db.get(), bad!.id, () => true)).toBe(false);
    await syncer.syncAll({ force: true });
    expect(await states(db)).toMatchObject({ synced: 4, parked: 0 });
    expect(vendor.referrals.size).toBe(4);
  });

  it('splits a batch the vendor refuses as a whole (400) to park only the offending item', async () => {
    const { db, vendor, syncer } = setup();
    await seedVendor(db);
    const records = await seedReferrals(db, 4);
    const poison = records[2]!.id;
    const original = vendor.fetch;
    const fetch = async (url: string, init?: RequestInit) => {
      if (typeof init?.body === 'string' && init.body.includes(poison)) return Response.json({ title: 'Bad request', detail: 'body is not valid' }, { status: 400 });
      return original(url, init);
    };
    const split = createSyncer({ db, fetch, now: () => START, random: () => 0.5, withLock: memoryLock(), timeoutMs: 50 });
    await split.syncAll();
    const after = await states(db);
    expect(after).toMatchObject({ synced: 3, parked: 1 });
    expect(after.all.find((r) => r.id === poison)!.error).toMatch(/HTTP 400.*body is not valid/);
    void syncer;
  });

  it('resumes after the worker is killed mid-sync: no loss, no duplicate at the vendor', async () => {
    const { db, vendor, time } = setup();
    await seedVendor(db);
    const seeded = await seedReferrals(db, 250);
    // First worker: the vendor stores batch 2 but the worker dies before reading the answer.
    vendor.script = [{ kind: 'normal' }, { kind: 'process-then-hang' }];
    const first = createSyncer({ db, fetch: vendor.fetch, now: time.now, random: () => 0.5, withLock: memoryLock(), timeoutMs: 60_000 });
    void first.syncAll(); // never awaited: the worker is gone
    await vendor.arrived(() => vendor.posts('/v1/referrals').length === 2);
    expect(await states(db)).toMatchObject({ synced: 100, pending: 150 });
    // A new worker over the same database, with a fresh lock (locks die with their worker).
    const second = createSyncer({ db, fetch: vendor.fetch, now: time.now, random: () => 0.5, withLock: memoryLock(), timeoutMs: 50 });
    await second.syncAll();
    expect(await states(db)).toMatchObject({ synced: 250, pending: 0 });
    expect(vendor.referrals.size).toBe(250);
    expect([...vendor.referrals.keys()].sort()).toEqual(seeded.map((r) => r.id).sort());
  });

  it('a sync asked for while one runs is remembered and runs right after it; calls meanwhile share that pass', async () => {
    const { db, vendor, syncer } = setup({ timeoutMs: 100 });
    await seedVendor(db);
    const [first] = await seedReferrals(db, 1);
    vendor.script = [{ kind: 'hang' }];
    const running = syncer.syncAll();
    await vendor.arrived(() => vendor.posts('/v1/referrals').length === 1);
    // Stored while the first pass waits on the vendor: the next pass must take it.
    const [second] = await seedReferrals(db, 1);
    const asked = [syncer.syncAll({ force: true }), syncer.syncAll(), syncer.syncAll()];
    expect((await running).accepted).toBe(0); // the hang timed out
    const reports = await Promise.all(asked);
    expect(reports[0]).toBe(reports[1]); // one pass answered all three
    expect(reports[0]).toMatchObject({ sent: 2, accepted: 2 });
    expect([...vendor.referrals.keys()].sort()).toEqual([first!.id, second!.id].sort());
    expect(vendor.posts('/v1/referrals')).toHaveLength(2);
  });

  it('never sends an item to another endpoint than the one it was made for: it is held instead', async () => {
    const { db, vendor, syncer } = setup();
    await seedVendor(db);
    const [mine] = await seedReferrals(db, 1);
    const [foreign] = await seedReferrals(db, 1, 'acme', 'https://acme-before-it-moved.test');
    await syncer.syncAll();
    expect([...vendor.referrals.keys()]).toEqual([mine!.id]);
    expect(await (await db.get()).get('referrals', foreign!.id)).toMatchObject({ sync: 'held', error: expect.stringMatching(/made for acme Inc\. at https:\/\/acme-before-it-moved\.test/) });
  });

  it('one vendor failing inside Advocate never stops the others', async () => {
    const { db, vendor, syncer } = setup();
    // Sorted first, and broken: its stored sync state is not what the worker wrote.
    await (await db.get()).put('vendors', { ...(await seedVendor(db, 'aaa-broken')), sync: undefined as never });
    await seedVendor(db, 'acme');
    await seedReferrals(db, 2, 'acme');
    const report = await syncer.syncAll();
    expect(vendor.referrals.size).toBe(2);
    expect(report.vendors.find((v) => v.vendorId === 'acme')).toMatchObject({ status: 'ok' });
    expect(report.vendors.find((v) => v.vendorId === 'aaa-broken')).toMatchObject({ status: 'backoff', error: expect.stringMatching(/Sync failed inside Advocate/) });
  });

  it('a late answer cannot undo a retry: only pending items change state', async () => {
    const { db } = setup();
    await seedVendor(db);
    const [record] = await seedReferrals(db, 1);
    const { applyVerdict } = await import('../../../src/background/outbox');
    const conn = await db.get();
    await applyVerdict(conn, 'referrals', { accepted: [record!.id], rejected: [], unanswered: [] }, 'T1');
    await applyVerdict(conn, 'referrals', { accepted: [], rejected: [{ id: record!.id, error: 'late' }], unanswered: [] }, 'T2');
    const stored = await conn.get('referrals', record!.id);
    expect(stored).toMatchObject({ sync: 'synced', syncedAt: 'T1' });
    expect(stored!.error).toBeUndefined();
  });

  it('pulls stats after a sync that delivered something, otherwise at most every five minutes', async () => {
    const { db, vendor, syncer, time } = setup();
    await seedVendor(db);
    const statsCalls = () => vendor.requests.filter((r) => r.url.endsWith('/v1/stats')).length;
    await syncer.syncAll();
    expect(statsCalls()).toBe(1);
    time.advance(60_000);
    await syncer.syncAll();
    expect(statsCalls()).toBe(1);
    await seedReferrals(db, 1);
    await syncer.syncAll();
    expect(statsCalls()).toBe(2);
    time.advance(5 * 60_000);
    await syncer.syncAll();
    expect(statsCalls()).toBe(3);
    expect(await (await db.get()).get('stats', 'acme')).toMatchObject({ fetchedAt: time.now() });
  });

  it('keeps the previous stats when the vendor sends garbage statistics', async () => {
    const { db, vendor, syncer, time } = setup();
    await seedVendor(db);
    await syncer.syncAll();
    const before = await (await db.get()).get('stats', 'acme');
    vendor.statsBody = { totals: 'lots' };
    time.advance(5 * 60_000);
    await syncer.syncAll();
    expect(await (await db.get()).get('stats', 'acme')).toEqual(before);
    expect((await vendorState(db)).lastError).toMatch(/statistics in an unknown format/);
  });
});
