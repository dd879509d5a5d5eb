// Several instances on one PostgreSQL database: two endpoint processes start together on an
// empty database (migrated and seeded once), then receive the same referral batches, the same
// clicks and the same billing webhooks at the same time, each sent to both and some again, in
// random order. Every referral, click, conversion and commission is recorded exactly once, and
// the totals equal one SQLite instance given the same events.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { decodeBase64Url } from '../../src/core/credential/base64url';
import { createReferralCode, randomNonce } from '../../src/core/referral/code';
import { SECRET_REFRESH_MS } from '../../src/endpoint/app';
import { createDb } from '../../src/endpoint/db/create';
import type { Database } from '../../src/endpoint/db/schema';
import { signWebhook } from '../../src/endpoint/domain/webhook-signature';
import { NAVIGATION } from '../endpoint/helpers';
import { createScratchDatabase } from './databases';

const PRACTITIONERS = 6;
const REFERRALS_EACH = 16;
const BATCH = 8;
const VISITORS_PER_CODE = 3;
const ORDERS = 40;
const REFUNDS = 12;
const IN_FLIGHT = 24;

/** One vendor's secrets, the same for every instance. */
const SECRETS = { ADMIN_TOKEN: `adm_${randomBytes(24).toString('base64url')}`, WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('base64')}`, ADVOCATE_DATA_KEY: randomBytes(32).toString('base64url') };
const folders: string[] = [];
const errors: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

function startInstance(databaseUrl: string | null): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'advocate-instance-'));
  folders.push(dataDir);
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../endpoint/child-endpoint.ts', import.meta.url)), dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...SECRETS, ENDPOINT_LOG: '1', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
  });
  children.push(child);
  // What failed inside an instance (a click it could not record, a deadlock broken by the server).
  child.stderr!.on('data', (d) => errors.push(...String(d).split('\n').filter((l) => /advocate endpoint:/.test(l))));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d.toString();
      if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]!) as { url: string }).url);
    });
    child.once('exit', () => reject(new Error('an endpoint process ended before it answered')));
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

interface Request {
  kind: 'referrals' | 'click' | 'webhook';
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function send(base: string, r: Request): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: r.path, method: r.method, headers: r.headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

async function json(base: string, path: string, token: string, body?: unknown): Promise<any> {
  const res = await send(base, { kind: 'referrals', method: body === undefined ? 'GET' : 'POST', path, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${res.body}`);
  return JSON.parse(res.body);
}

/** Runs every request with at most IN_FLIGHT at once; each to the instance it names. */
async function deliver(jobs: { base: string; request: Request }[]): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < jobs.length) {
        const { base, request } = jobs[next++]!;
        const res = await send(base, request);
        const ok = request.kind === 'click' ? res.status === 302 : res.status === 200;
        if (!ok) failures.push(`${request.kind} ${request.path}: ${res.status} ${res.body.slice(0, 200)}`);
      }
    }),
  );
  return failures;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Each request to every instance, and about a third once more to a random one, shuffled. */
function fanOut(requests: Request[], instances: string[]): { base: string; request: Request }[] {
  const jobs = requests.flatMap((request) => [...instances.map((base) => ({ base, request })), ...(Math.random() < 0.35 ? [{ base: instances[Math.floor(Math.random() * instances.length)]!, request }] : [])]);
  return shuffle(jobs);
}

/** The same scenario, whatever the database: abstract events made concrete against `instances`. */
async function run(instances: string[], label: string) {
  const [first] = instances;
  const token = SECRETS.ADMIN_TOKEN;
  // Practitioners created on one instance, enrolled on the others in turn (their secrets must reach every instance).
  const people: { token: string; number: number; secret: Uint8Array }[] = [];
  for (let i = 0; i < PRACTITIONERS; i++) {
    const created = await json(first!, '/v1/admin/practitioners', token, { displayName: `Pat ${i}`, email: `pat-${i}@scale.example`, certifications: i % 2 ? [{ productId: 'mysql', level: 'professional' }] : [] });
    const enrolled = await json(instances[(i + 1) % instances.length]!, '/v1/enrol', '', { code: created.enrolmentCode, client: { name: 'scale', version: '1' } });
    people.push({ token: enrolled.accessToken, number: enrolled.practitioner.number, secret: decodeBase64Url(enrolled.referralSecret)! });
  }
  // An instance learns of an enrolment made on another within SECRET_REFRESH_MS (the redirect never queries for secrets).
  await new Promise((r) => setTimeout(r, 2 * SECRET_REFRESH_MS + 200));

  const referrals: { person: number; code: string; id: string; offerId: string }[] = [];
  for (const [person, p] of people.entries()) {
    for (let r = 0; r < REFERRALS_EACH; r++) {
      const code = await createReferralCode({ practitionerNumber: p.number, nonce: randomNonce() }, p.secret);
      referrals.push({ person, code, id: randomUUID(), offerId: 'mysql-enterprise' });
    }
  }
  const batches: Request[] = [];
  for (const [person, p] of people.entries()) {
    const mine = referrals.filter((r) => r.person === person);
    for (let b = 0; b < mine.length; b += BATCH) {
      const items = mine.slice(b, b + BATCH).map((r) => ({ id: r.id, code: r.code, vendorId: 'demo-db', productId: 'mysql', offerId: r.offerId, channel: 'forum-answer', createdAt: new Date().toISOString() }));
      batches.push({ kind: 'referrals', method: 'POST', path: '/v1/referrals', headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ referrals: items }) });
    }
  }
  const clicks: Request[] = referrals.flatMap((r) =>
    Array.from({ length: VISITORS_PER_CODE }, (_, v) => ({ kind: 'click' as const, method: 'GET' as const, path: `/r/${r.code}`, headers: { ...NAVIGATION, 'user-agent': `visitor-${v}` } })),
  );
  // Phase 1: referrals and their clicks together; phase 2: the orders those clicks led to (an order
  // is attributed to a click before it, so orders come after their clicks, as they do in life).
  const phase1 = fanOut([...batches, ...clicks], instances);
  const failures = await deliver(phase1);

  const occurredAt = new Date().toISOString();
  const orders = Array.from({ length: ORDERS }, (_, i) => ({ orderId: `ord_${label}_${i}`, code: referrals[(i * 7) % referrals.length]!.code, amount: 10_000 + i * 1_234 }));
  const events = [
    ...orders.map((o) => ({ type: 'order.paid', data: { orderId: o.orderId, productId: 'mysql', offerId: 'mysql-enterprise', amount: o.amount, currency: 'USD', occurredAt, referralCode: o.code } })),
    ...orders.slice(0, REFUNDS).map((o) => ({ type: 'order.refunded', data: { orderId: o.orderId, amount: Math.floor(o.amount / 4), currency: 'USD', occurredAt } })),
  ];
  const ts = Math.floor(Date.now() / 1000);
  const webhooks: Request[] = events.map((event) => {
    const raw = JSON.stringify(event);
    const id = `msg_${randomUUID()}`;
    return { kind: 'webhook', method: 'POST', path: '/v1/webhooks/billing', headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signWebhook(SECRETS.WEBHOOK_SECRET, id, ts, raw) }, body: raw };
  });
  const phase2 = fanOut(webhooks, instances);
  failures.push(...(await deliver(phase2)));

  const stats = [];
  for (const p of people) {
    const s = await json(instances[p.number % instances.length]!, '/v1/stats', p.token);
    stats.push(s.totals);
  }
  const dashboard = await json(instances[instances.length - 1]!, '/v1/admin/dashboard', token);
  return {
    failures,
    sent: { requests: phase1.length + phase2.length, referrals: referrals.length, clicks: clicks.length, orders: orders.length, refunds: REFUNDS, webhooks: webhooks.length },
    stats,
    commission: dashboard.commission,
  };
}

async function rowCounts(db: Kysely<Database>) {
  const count = async (table: string, where = '1=1') => Number((await sql<{ n: number }>`select count(*) as n from ${sql.raw(table)} where ${sql.raw(where)}`.execute(db)).rows[0]!.n);
  return {
    referrals: await count('referrals'),
    clicks: await count('clicks'),
    conversions: await count('conversions'),
    commissions: await count('commissions', `kind = 'order'`),
    refunds: await count('refunds'),
    webhooks: await count('webhooks'),
    migrations: await count('kysely_migration'),
    vendors: await count('meta', `key = 'vendor_identity'`),
  };
}

describe('two instances on one PostgreSQL database', () => {
  it('record every referral, click, conversion and commission exactly once, with the totals of one SQLite instance', async () => {
    const scratch = await createScratchDatabase(inject('postgresUrl'), { reuse: false });
    try {
      // Started together on an empty database: the startup lock lets one migrate and seed.
      const instances = await Promise.all([startInstance(scratch.url), startInstance(scratch.url)]);
      const vendors = await Promise.all(instances.map(async (base) => JSON.parse((await send(base, { kind: 'referrals', method: 'GET', path: '/v1/vendor', headers: {} })).body).publicKeyMultibase));
      expect(vendors[0]).toBe(vendors[1]);

      const pg = await run(instances, 'pg');
      const db = await createDb({ kind: 'postgres', url: scratch.url });
      const rows = await rowCounts(db).finally(() => db.destroy());

      const single = await startInstance(null);
      const lite = await run([single], 'sqlite');
      const liteDb = await createDb({ kind: 'sqlite', file: join(folders[folders.length - 1]!, 'advocate.sqlite') });
      const liteRows = await rowCounts(liteDb).finally(() => liteDb.destroy());

      const expected = { referrals: pg.sent.referrals, clicks: pg.sent.clicks, conversions: pg.sent.orders, commissions: pg.sent.orders, refunds: pg.sent.refunds, webhooks: pg.sent.orders + pg.sent.refunds };
      const recorded = { referrals: rows.referrals, clicks: rows.clicks, conversions: rows.conversions, commissions: rows.commissions, refunds: rows.refunds, webhooks: rows.webhooks };
      const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
      const duplicates = sum(Object.fromEntries(Object.entries(recorded).map(([k, n]) => [k, Math.max(0, n - expected[k as keyof typeof expected])])));
      const lost = sum(Object.fromEntries(Object.entries(recorded).map(([k, n]) => [k, Math.max(0, expected[k as keyof typeof expected] - n)])));
      console.log(
        `two instances on PostgreSQL: ${pg.sent.requests} requests sent (${pg.sent.referrals} referrals in batches, ${pg.sent.clicks} clicks, ${pg.sent.webhooks} webhooks, each to both instances, about a third a third time); ` +
          `recorded ${recorded.referrals} referrals, ${recorded.clicks} clicks, ${recorded.conversions} conversions, ${recorded.commissions} commissions, ${recorded.refunds} refunds; duplicates: ${duplicates}, lost: ${lost}; ` +
          `migrations run ${rows.migrations}, vendor keys ${rows.vendors}; one SQLite instance, same events: ${liteRows.referrals} referrals, ${liteRows.clicks} clicks, ${liteRows.conversions} conversions, ${liteRows.commissions} commissions`,
      );
      expect(errors).toEqual([]);
      expect(pg.failures).toEqual([]);
      expect(lite.failures).toEqual([]);
      expect({ duplicates, lost }).toEqual({ duplicates: 0, lost: 0 });
      expect(recorded).toEqual(expected);
      expect(rows.migrations).toBe(liteRows.migrations);
      expect(rows.vendors).toBe(1);
      // Same events, same money: per practitioner and in total.
      expect(liteRows).toMatchObject(recorded);
      expect(pg.stats).toEqual(lite.stats);
      expect(pg.commission).toEqual(lite.commission);
      expect(pg.commission.pending).toBeGreaterThan(0);
    } finally {
      for (const c of children) c.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
      await scratch.release({ drop: true });
    }
  }, 240_000);
});
