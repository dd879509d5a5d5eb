// The worker's sync against the real reference endpoint (SQLite, loopback HTTP) through the
// fault-injecting proxy (test/fault/fault-proxy.ts, the one the browser run uses): every fault it
// has (5xx, 429, resets, hangs, answers lost, duplicated requests, slow and stalled bodies) — and the worker
// killed at random moments (nothing a killed worker asked for ever settles; a new worker
// starts over the same IndexedDB).
// The browser-level version of this test (real service worker) belongs to test/browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startEndpoint, type RunningEndpoint } from '../../../src/endpoint/server';
import { quietLog } from '../../quiet-log';
import { createSyncer } from '../../../src/background/sync';
import type { Fetch } from '../../../src/background/vendor-http';
import { FAULTS, startFaultProxy, type Fault, type FaultProxy } from '../../fault/fault-proxy';
import { memoryLock } from './helpers';
import { makeWorker, OPTIONS } from './world';

const TOTAL = 1_000;
const DEALS = 50;
const TIMEOUT_MS = 80;

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const never = <T>() => new Promise<T>(() => {});

/** A worker's fetch; once the worker is killed, nothing it asked for ever settles. */
function killableFetch(worker: { dead: boolean }): Fetch {
  return async (url, init) => {
    if (worker.dead) return never();
    const response = await fetch(url, init);
    return worker.dead ? never() : response;
  };
}

/** 35 % of requests pass; the rest meet one of the faults. */
function faultPlan(random: () => number): () => Fault {
  const table: [number, Fault][] = [
    [0.13, 'error-5xx'],
    [0.18, 'error-429'],
    [0.26, 'reset-before'],
    [0.33, 'hang'],
    [0.43, 'reset-after'],
    [0.48, 'lost-response'],
    [0.56, 'duplicate'],
    [0.6, 'slow-body'],
    [0.65, 'stalled-body'],
  ];
  return () => {
    const r = random();
    return table.find(([limit]) => r < limit)?.[1] ?? 'ok';
  };
}

let endpoint: RunningEndpoint;
let proxy: FaultProxy;
let dataDir: string;
const random = prng(20260301);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'advocate-faults-'));
  // Each deal names its own customer; the endpoint bounds deals pending review, so allow them all.
  endpoint = await startEndpoint({ port: 0, host: '127.0.0.1', dataDir, log: quietLog(), rateLimits: { perIp: false, perToken: false, redirectPerIp: false }, limits: { pendingDeals: DEALS } });
  const plan = faultPlan(random);
  // Enrolment and the catalog go through the proxy too, but only referral uploads meet faults:
  // the point is the outbox, and enrolment has its own error tests.
  proxy = await startFaultProxy({ target: endpoint.url, choose: plan, faultPaths: ['/v1/referrals', '/v1/deals'], hangMs: 1_000 });
});
afterAll(async () => {
  await proxy?.close();
  await endpoint?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('sync against the reference endpoint under faults', () => {
  it(`delivers ${TOTAL} referrals and ${DEALS} deals exactly once through faults and random worker kills`, { timeout: 120_000 }, async () => {
    const created = await fetch(`${endpoint.url}/v1/admin/practitioners`, {
      method: 'POST',
      headers: { authorization: `Bearer ${endpoint.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Pat', email: 'pat@consulting.example.net' }),
    });
    const { enrolmentCode } = (await created.json()) as { enrolmentCode: string };

    // Enrolment and creation are not under test here: generous timeouts, so a loaded machine cannot fail them.
    const world = makeWorker({ fetch: (url, init) => fetch(url, init), timeoutMs: 10_000 });
    const enrolled = await world.send('vendors.enrol', { endpoint: proxy.url, code: enrolmentCode }, OPTIONS);
    expect(enrolled, JSON.stringify(enrolled)).toMatchObject({ ok: true });
    const vendorId = (enrolled as { value: { id: string } }).value.id;

    const ids = new Set<string>();
    for (let i = 0; i < TOTAL; i++) {
      const result = await world.send('referrals.create', { vendorId, productId: 'mysql', offerId: 'mysql-enterprise', channel: i % 2 ? 'forum-answer' : 'email' });
      if (!result.ok) throw new Error(result.error.message);
      ids.add((result.value as { referral: { id: string } }).referral.id);
    }

    const dealIds = new Set<string>();
    for (let i = 0; i < DEALS; i++) {
      const result = await world.send('deals.register', { vendorId, productId: 'mysql', customerName: `Customer ${i}`, customerDomain: `customer-${i}.example` });
      if (!result.ok) throw new Error(result.error.message);
      dealIds.add((result.value as { id: string }).id);
    }
    let kills = 0;
    const pending = async () => {
      const conn = await world.db.get();
      return [...(await conn.getAll('referrals')), ...(await conn.getAll('deals'))].filter((r) => r.sync !== 'synced').length;
    };
    let rounds = 0;
    // A killed run's requests still finish (each within its timeout); awaited at the end, so none
    // of them writes into the next test file (the unit project does not isolate files).
    const killedRuns: Promise<unknown>[] = [];
    while ((await pending()) > 0 && rounds < 2_000) {
      rounds++;
      const worker = { dead: false };
      const syncer = createSyncer({ db: world.db, fetch: killableFetch(worker), now: world.time.now, random, withLock: memoryLock(), timeoutMs: TIMEOUT_MS, batchSize: 10, maxBatchesPerRun: 4 });
      const killAfter = random() < 0.5 ? random() * 40 : Infinity;
      const run = syncer.syncAll();
      const outcome = await Promise.race([
        run.then(() => 'done' as const),
        new Promise<'killed'>((r) => (killAfter === Infinity ? undefined : setTimeout(() => r('killed'), killAfter))),
        new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000)),
      ]);
      if (outcome === 'hung') throw new Error(`sync run ${rounds} never finished although every request is bounded by a ${TIMEOUT_MS} ms timeout`);
      if (outcome === 'killed') {
        worker.dead = true;
        kills++;
        killedRuns.push(run);
      }
      world.time.advance(2 * 3_600_000); // past any backoff
    }

    await Promise.allSettled(killedRuns);
    const sqlite = new Database(join(dataDir, 'advocate.sqlite'), { readonly: true });
    const stored = sqlite.prepare('select id from referrals').all() as { id: string }[];
    const storedDeals = sqlite.prepare('select id from deals').all() as { id: string }[];
    sqlite.close();
    const storedIds = new Set(stored.map((r) => r.id));
    const records = await (await world.db.get()).getAll('referrals');
    const figures = {
      created: TOTAL,
      recordedByVendor: stored.length,
      distinctAtVendor: storedIds.size,
      missing: [...ids].filter((id) => !storedIds.has(id)).length,
      duplicated: stored.length - storedIds.size,
      syncedInExtension: records.filter((r) => r.sync === 'synced').length,
      parked: records.filter((r) => r.sync === 'parked').length,
      dealsCreated: DEALS,
      dealsRecordedByVendor: storedDeals.length,
      dealsMissing: [...dealIds].filter((id) => !storedDeals.some((d) => d.id === id)).length,
      rounds,
      kills,
      ...proxy.counts,
    };
    console.log('endpoint fault run:', JSON.stringify(figures));
    expect(figures).toMatchObject({ recordedByVendor: TOTAL, distinctAtVendor: TOTAL, missing: 0, duplicated: 0, syncedInExtension: TOTAL, parked: 0, dealsRecordedByVendor: DEALS, dealsMissing: 0 });
    expect(kills).toBeGreaterThan(5);
    for (const fault of FAULTS) expect(proxy.counts[fault], fault).toBeGreaterThan(0);
  });
});
