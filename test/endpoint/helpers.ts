// Shared by the endpoint tests: the app in-process over a real database, driven through
// app.request() with an injected clock; listen() puts it on a real socket when a test needs one
// (limits, slow bodies, kill -9). The database is a SQLite file in a temp dir in the `endpoint`
// project, and a fresh database in the run's throwaway PostgreSQL cluster in `endpoint-postgres`
// (its globalSetup provides the cluster's URL), so every test runs against both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { get as httpGet } from 'node:http';
import { sql, type Kysely } from 'kysely';
import { inject } from 'vitest';
import { decodeBase64Url } from '../../src/core/credential/base64url';
import type { EnrolResponse } from '../../src/core/protocol/vendor';
import { createReferralCode, randomNonce } from '../../src/core/referral/code';
import { createApp } from '../../src/endpoint/app';
import { NO_RATE_LIMITS, silentLog, type AdvocateApp, type Limits, type Log, type Settings } from '../../src/endpoint/context';
import { createDb, withStartupLock, type DbConfig } from '../../src/endpoint/db/create';
import { migrateToLatest } from '../../src/endpoint/db/migrations';
import type { Database as Tables } from '../../src/endpoint/db/schema';
import { SecretBox } from '../../src/endpoint/domain/at-rest';
import { seedVendor } from '../../src/endpoint/domain/vendor-state';
import { signWebhook } from '../../src/endpoint/domain/webhook-signature';
import { serveApp, type Listening } from '../../src/endpoint/server';
import { createScratchDatabase } from '../postgres/databases';

export interface TestClock {
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function testClock(start = '2026-03-01T10:00:00.000Z'): TestClock {
  let t = Date.parse(start);
  return { now: () => new Date(t), set: (iso) => (t = Date.parse(iso)), advance: (ms) => (t += ms) };
}

export const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

export interface Harness {
  app: AdvocateApp;
  db: Kysely<Tables>;
  dataDir: string;
  clock: TestClock;
  endpoint: { adminToken: string; webhookSecret: string; demoEnrolmentCode: string | null };
  dataKey: Uint8Array;
  /** Which database the run uses. */
  database: DbConfig;
  /** Lines the app logged, for tests that expect an error to be reported. */
  logged: string[];
  count(table: string, where?: string): Promise<number>;
  /** Rows of a raw query with `?` placeholders, on either database. */
  rows(text: string, ...params: unknown[]): Promise<Record<string, unknown>[]>;
  /** The first column of the first row, as a number (counts, sums). */
  one(text: string, ...params: unknown[]): Promise<number>;
  /** Every row of every table, to prove a refused call changed nothing. */
  snapshot(): Promise<string>;
  /** Makes inserts into `table` fail while `condition` holds for the new row (a simulated disk failure); resolves to the undo. */
  failInserts(table: string, condition: string): Promise<() => Promise<void>>;
  /** The app on a real loopback socket (closed with the harness). */
  listen(options?: { requestTimeoutMs?: number }): Promise<string>;
  close(): Promise<void>;
}

/** The run's PostgreSQL cluster (endpoint-postgres project), or null on SQLite. */
export const postgresCluster = (): string | null => inject('postgresUrl') ?? null;

export interface HarnessOptions {
  limits?: Partial<Limits>;
  settings?: Partial<Settings>;
  clock?: TestClock;
  dataDir?: string;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'advocate-endpoint-'));
  const clock = options.clock ?? testClock();
  const secrets = { adminToken: `adm_${randomBytes(24).toString('base64url')}`, webhookSecret: `whsec_${randomBytes(24).toString('base64')}`, dataKey: randomBytes(32) };
  const scratch = postgresCluster() ? await createScratchDatabase(postgresCluster()!) : null;
  const database: DbConfig = scratch ? { kind: 'postgres', url: scratch.url } : { kind: 'sqlite', file: join(dataDir, 'advocate.sqlite') };
  const db = await createDb(database);
  const { demoEnrolmentCode } = await withStartupLock(db, async () => {
    await migrateToLatest(db);
    return seedVendor(db, new SecretBox(secrets.dataKey), clock.now());
  });
  const logged: string[] = [];
  const log: Log = { ...silentLog, warn: (m) => logged.push(m), error: (m, e) => logged.push(`${m}: ${(e as Error)?.message ?? ''}`) };
  const app = await createApp({
    db,
    clock: clock.now,
    secrets,
    log,
    limits: { ...NO_RATE_LIMITS, ...options.limits },
    settings: { publicUrl: 'https://endpoint.test', extensionOrigins: [EXTENSION], ...options.settings },
  });
  const servers: Listening[] = [];
  return {
    app,
    db,
    dataDir,
    clock,
    endpoint: { adminToken: secrets.adminToken, webhookSecret: secrets.webhookSecret, demoEnrolmentCode },
    dataKey: secrets.dataKey,
    database,
    logged,
    async count(table, where = '1=1') {
      const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.raw(table)} where ${sql.raw(where)}`.execute(db);
      return Number(rows[0]!.n);
    },
    rows: (text, ...params) => rawRows(db, text, params),
    async one(text, ...params) {
      const [first] = await rawRows(db, text, params);
      return Number(Object.values(first ?? {})[0]);
    },
    async snapshot() {
      const tables = (
        await rawRows(
          db,
          database.kind === 'sqlite'
            ? `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`
            : `select table_name as name from information_schema.tables where table_schema = current_schema() order by table_name`,
          [],
        )
      ).map((t) => t.name as string);
      const all: [string, string[]][] = [];
      for (const t of tables) all.push([t, (await rawRows(db, `select * from "${t}"`, [])).map((r) => JSON.stringify(r)).sort()]);
      return JSON.stringify(all);
    },
    async failInserts(table, condition) {
      if (database.kind === 'sqlite') {
        await sql.raw(`create trigger boom before insert on ${table} when ${condition} begin select raise(abort, 'simulated disk failure'); end`).execute(db);
        return async () => void (await sql.raw('drop trigger boom').execute(db));
      }
      await sql.raw(`create function boom() returns trigger language plpgsql as $$ begin raise exception 'simulated disk failure'; end $$`).execute(db);
      await sql.raw(`create trigger boom before insert on ${table} for each row when (${condition}) execute function boom()`).execute(db);
      return async () => {
        await sql.raw(`drop trigger boom on ${table}`).execute(db);
        await sql.raw('drop function boom()').execute(db);
      };
    },
    async listen(serveOptions = {}) {
      const listening = await serveApp(app, { port: 0, ...serveOptions });
      servers.push(listening);
      return listening.url;
    },
    async close() {
      for (const s of servers) await s.close();
      app.close();
      await db.destroy();
      await scratch?.release();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function rawRows(db: Kysely<Tables>, text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const parts = text.split('?');
  const query = parts.slice(1).reduce((acc, part, i) => sql`${acc}${params[i]}${sql.raw(part)}`, sql.raw(parts[0]!));
  return query.execute(db).then((r) => r.rows as Record<string, unknown>[]);
}

export interface CallInit {
  method?: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  raw?: string | Buffer;
  /** The client's address as the socket would show it (in-process calls only). */
  address?: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** One request: in-process through app.request() for a harness, over the network for a URL. */
export async function call(target: Harness | string, path: string, init: CallInit = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: BodyInit | undefined;
  if (init.raw !== undefined) body = typeof init.raw === 'string' ? init.raw : (new Uint8Array(init.raw) as Uint8Array<ArrayBuffer>);
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const request = { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, redirect: 'manual' as const };
  const res =
    typeof target === 'string'
      ? await fetch(target + path, request)
      : await target.app.request(`https://endpoint.test${path}`, request, { incoming: { socket: { remoteAddress: init.address ?? '127.0.0.1' } } } as never);
  const text = await res.text();
  let json: any = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export interface Enrolled {
  token: string;
  secret: Uint8Array;
  number: number;
  practitionerId: string;
  enrolment: EnrolResponse;
  code(): Promise<string>;
}

export async function newPractitioner(h: Harness, input: { displayName?: string; email?: string; certifications?: { productId: string; level: string; validUntil?: string }[] } = {}) {
  const res = await call(h, '/v1/admin/practitioners', {
    token: h.endpoint.adminToken,
    body: { displayName: input.displayName ?? 'Pat Practitioner', email: input.email ?? `pat-${randomUUID().slice(0, 8)}@consulting.example.net`, certifications: input.certifications ?? [] },
  });
  if (res.status !== 201) throw new Error(`create practitioner: ${res.status} ${res.text}`);
  return res.json as { practitioner: { id: string; number: number }; enrolmentCode: string };
}

export async function enrolWith(h: Harness, enrolmentCode: string): Promise<Enrolled> {
  const res = await call(h, '/v1/enrol', { body: { code: enrolmentCode, client: { name: 'test', version: '1' } } });
  if (res.status !== 200) throw new Error(`enrol: ${res.status} ${res.text}`);
  const enrolment = res.json as EnrolResponse;
  const secret = decodeBase64Url(enrolment.referralSecret)!;
  return {
    token: enrolment.accessToken,
    secret,
    number: enrolment.practitioner.number,
    practitionerId: enrolment.practitioner.id,
    enrolment,
    code: () => createReferralCode({ practitionerNumber: enrolment.practitioner.number, nonce: randomNonce() }, secret),
  };
}

export async function enrol(h: Harness, input: Parameters<typeof newPractitioner>[1] = {}): Promise<Enrolled> {
  return enrolWith(h, (await newPractitioner(h, input)).enrolmentCode);
}

export function referralItem(code: string, over: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    code,
    vendorId: 'demo-db',
    productId: 'mysql',
    offerId: 'mysql-enterprise',
    channel: 'forum-answer',
    createdAt: '2026-03-01T09:00:00.000Z',
    ...over,
  };
}

export function dealItem(over: Record<string, unknown> = {}) {
  return { id: randomUUID(), vendorId: 'demo-db', productId: 'mysql', customerName: 'Big Co', customerDomain: 'bigco.example.com', createdAt: '2026-03-01T09:00:00.000Z', ...over };
}

export async function sendWebhook(h: Harness, event: unknown, opts: { id?: string; timestamp?: number; secret?: string; signature?: string } = {}) {
  const raw = JSON.stringify(event);
  const id = opts.id ?? `msg_${randomUUID()}`;
  const ts = opts.timestamp ?? Math.floor(h.clock.now().getTime() / 1000);
  const signature = opts.signature ?? signWebhook(opts.secret ?? h.endpoint.webhookSecret, id, ts, raw);
  return call(h, '/v1/webhooks/billing', { raw, headers: { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signature } });
}

export function paid(data: Record<string, unknown>) {
  return {
    type: 'order.paid',
    data: { orderId: `ord_${randomUUID()}`, productId: 'mysql', offerId: 'mysql-enterprise', amount: 100_000, currency: 'USD', occurredAt: '2026-03-01T10:00:00.000Z', ...data },
  };
}

export const refunded = (orderId: string, amount: number, over: Record<string, unknown> = {}) => ({
  type: 'order.refunded',
  data: { orderId, amount, currency: 'USD', occurredAt: '2026-03-01T10:00:00.000Z', ...over },
});

/** What a browser sends when a person follows a link (Fetch Metadata). */
export const NAVIGATION = { 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'cross-site', 'sec-fetch-user': '?1' };
/** What a browser sends for <img src="…/r/code">. */
export const IMAGE = { 'sec-fetch-dest': 'image', 'sec-fetch-mode': 'no-cors', 'sec-fetch-site': 'cross-site' };

/** A person following a link as a given visitor (user agent; the address is loopback). */
export async function click(h: Harness | string, code: string, userAgent = 'visitor-a', query = '', headers: Record<string, string> = NAVIGATION) {
  if (typeof h === 'string') return rawGet(`${h}/r/${code}${query}`, { 'user-agent': userAgent, ...headers });
  const res = await call(h, `/r/${code}${query}`, { headers: { 'user-agent': userAgent, ...headers } });
  return { status: res.status, location: res.headers.get('location') };
}

/** GET over node:http, which sends exactly the given headers (fetch adds its own Sec-Fetch-Mode). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; location: string | null }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null }));
    }).on('error', reject);
  });
}

export const admin = (h: Harness) => ({ token: h.endpoint.adminToken });

/**
 * A last character for a forged variant of `code`: `wanted`, unless the genuine code already ends
 * in it (the "forged" code would then be the genuine one, one run in 32).
 */
export const lastCharOtherThan = (code: string, wanted: string): string => [wanted, '0', '1'].find((c) => c !== code.at(-1))!;
