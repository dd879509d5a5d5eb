// Shared by the endpoint tests: a real endpoint on loopback over a real SQLite file in a temp dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { decodeBase64Url } from '../../src/core/credential/base64url';
import type { EnrolResponse } from '../../src/core/protocol/vendor';
import { createReferralCode, randomNonce } from '../../src/core/referral/code';
import { signWebhook } from '../../src/endpoint/domain/webhook-signature';
import { startEndpoint, type EndpointOptions, type RunningEndpoint } from '../../src/endpoint/server';

export interface TestClock {
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function testClock(start = '2026-03-01T10:00:00.000Z'): TestClock {
  let t = Date.parse(start);
  return { now: () => new Date(t), set: (iso) => (t = Date.parse(iso)), advance: (ms) => (t += ms) };
}

export interface Harness {
  endpoint: RunningEndpoint;
  url: string;
  dataDir: string;
  clock: TestClock;
  /** Opens the SQLite file read-only to look at rows directly. */
  count(table: string, where?: string): number;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<EndpointOptions> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'advocate-endpoint-'));
  const clock = testClock();
  const endpoint = await startEndpoint({ port: 0, dataDir, clock: clock.now, rateLimits: { perIp: false, perToken: false, redirectPerIp: false }, ...options });
  return {
    endpoint,
    url: endpoint.url,
    dataDir,
    clock,
    count(table, where = '1=1') {
      const db = new Database(join(dataDir, 'advocate.sqlite'), { readonly: true });
      try {
        return (db.prepare(`select count(*) as n from ${table} where ${where}`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
    async close() {
      await endpoint.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function call(url: string, path: string, init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string>; raw?: string | Buffer } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: BodyInit | undefined;
  if (init.raw !== undefined) body = typeof init.raw === 'string' ? init.raw : (new Uint8Array(init.raw) as Uint8Array<ArrayBuffer>);
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(url + path, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, redirect: 'manual' });
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

export async function newPractitioner(h: Harness, input: { displayName?: string; email?: string; certifications?: { productId: string; level: string }[] } = {}) {
  const res = await call(h.url, '/v1/admin/practitioners', {
    token: h.endpoint.adminToken,
    body: { displayName: input.displayName ?? 'Pat Practitioner', email: input.email ?? `pat-${randomUUID().slice(0, 8)}@consulting.example.net`, certifications: input.certifications ?? [] },
  });
  if (res.status !== 201) throw new Error(`create practitioner: ${res.status} ${res.text}`);
  return res.json as { practitioner: { id: string; number: number }; enrolmentCode: string };
}

export async function enrol(h: Harness, input: Parameters<typeof newPractitioner>[1] = {}): Promise<Enrolled> {
  const created = await newPractitioner(h, input);
  const res = await call(h.url, '/v1/enrol', { body: { code: created.enrolmentCode, client: { name: 'test', version: '1' } } });
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

export async function sendWebhook(h: Harness, event: unknown, opts: { id?: string; timestamp?: number; secret?: string; signature?: string } = {}) {
  const raw = JSON.stringify(event);
  const id = opts.id ?? `msg_${randomUUID()}`;
  const ts = opts.timestamp ?? Math.floor(h.clock.now().getTime() / 1000);
  const signature = opts.signature ?? signWebhook(opts.secret ?? h.endpoint.webhookSecret, id, ts, raw);
  return call(h.url, '/v1/webhooks/billing', { raw, headers: { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signature } });
}

export function paid(data: Record<string, unknown>) {
  return {
    type: 'order.paid',
    data: { orderId: `ord_${randomUUID()}`, productId: 'mysql', offerId: 'mysql-enterprise', amount: 100_000, currency: 'USD', occurredAt: '2026-03-01T10:00:00.000Z', ...data },
  };
}

/** Clicks a link as a given visitor (the endpoint sees the user agent; IP is loopback). */
export async function click(h: Harness, code: string, userAgent = 'visitor-a', query = '') {
  const res = await fetch(`${h.url}/r/${code}${query}`, { redirect: 'manual', headers: { 'user-agent': userAgent } });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location') };
}
