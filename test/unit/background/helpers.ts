// Test doubles for the worker: a fresh fake-indexeddb database per test, a scripted vendor
// endpoint behind an injected fetch, a controllable clock and an in-memory sync lock.
import 'fake-indexeddb/auto';
import { DbHandle, type ReferralRecord, type VendorRecord, type DealRecord, type StorageEvent } from '../../../src/background/db';
import { initialSyncState } from '../../../src/core/sync/state';
import type { LockRunner } from '../../../src/background/sync';

let dbCounter = 0;
export function freshDb(events: StorageEvent[] = []): DbHandle {
  return new DbHandle({ name: `advocate-test-${++dbCounter}-${Math.random()}`, onEvent: (e) => events.push(e) });
}

export const START = Date.parse('2026-03-01T10:00:00Z');
export function clock(start = START) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms), set: (ms: number) => (t = ms) };
}

/** The in-memory stand-in for navigator.locks.request (exclusive, waiting): one holder at a time, in order. */
export function memoryLock(): LockRunner & { held: () => boolean } {
  let tail: Promise<unknown> = Promise.resolve();
  let held = false;
  const run = (<T>(task: () => Promise<T>) => {
    const turn = tail.then(async () => {
      held = true;
      try {
        return await task();
      } finally {
        held = false;
      }
    });
    tail = turn.catch(() => {});
    return turn;
  }) as LockRunner & { held: () => boolean };
  run.held = () => held;
  return run;
}

export const ENDPOINT = 'https://vendor.test';

export function vendorRecord(id = 'acme', endpoint = ENDPOINT): VendorRecord {
  return {
    id,
    name: `${id} Inc.`,
    homepage: `https://${id}.example`,
    endpoint,
    enrolledAt: new Date(START).toISOString(),
    practitioner: { id: 'p1', number: 7, displayName: 'Pat', email: 'pat@example.com' },
    issuer: { id, publicKeyJwk: {}, keyId: 'k1' },
    credentials: [],
    credentialStatuses: [],
    sync: initialSyncState(),
  };
}

export async function seedVendor(db: DbHandle, id = 'acme', endpoint = ENDPOINT, token = `token-${id}`): Promise<VendorRecord> {
  const conn = await db.get();
  const vendor = vendorRecord(id, endpoint);
  await conn.put('vendors', vendor);
  await conn.put('secrets', { vendorId: id, accessToken: token, referralSecret: 'A'.repeat(43) });
  return vendor;
}

let seq = 0;
export function referralRecord(vendorId = 'acme', overrides: Partial<ReferralRecord['item']> = {}, endpoint = ENDPOINT): ReferralRecord {
  const createdAt = new Date(START + ++seq).toISOString();
  const id = crypto.randomUUID();
  return {
    id,
    vendorId,
    sync: 'pending',
    createdAt,
    origin: new URL(endpoint).origin,
    practitioner: 7,
    link: `https://vendor.test/r/${id.slice(0, 8)}`,
    item: { id, code: 'c'.repeat(24), vendorId, productId: 'db', offerId: 'pro', channel: 'forum-answer', createdAt, ...overrides },
  };
}

export function dealRecord(vendorId = 'acme'): DealRecord {
  const createdAt = new Date(START + ++seq).toISOString();
  const id = crypto.randomUUID();
  return { id, vendorId, sync: 'pending', createdAt, origin: new URL(ENDPOINT).origin, practitioner: 7, item: { id, vendorId, productId: 'db', customerName: 'Initech', customerDomain: 'initech.example', createdAt } };
}

export async function seedReferrals(db: DbHandle, count: number, vendorId = 'acme', endpoint = ENDPOINT): Promise<ReferralRecord[]> {
  const conn = await db.get();
  const records = Array.from({ length: count }, () => referralRecord(vendorId, {}, endpoint));
  const tx = conn.transaction('referrals', 'readwrite');
  await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
  return records;
}

type Behaviour =
  | { kind: 'normal' }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** Never answers until the request is aborted. */
  | { kind: 'hang' }
  /** The vendor stores the batch, then the connection dies before the answer arrives. */
  | { kind: 'process-then-hang' }
  | { kind: 'reset' }
  | { kind: 'body'; body: string }
  /** The normal answer, with every result listed twice. */
  | { kind: 'duplicate-results' }
  | { kind: 'reject-ids'; ids: Set<string> };

const PUBLIC_ROUTES = new Set(['/v1/catalog', '/v1/vendor', '/v1/enrol', '/v1/credentials/status', '/v1/credentials/status-list']);

export interface StoredItem {
  id: string;
  times: number;
}

/**
 * A vendor endpoint in memory: idempotent by client id (as the protocol requires), so tests can
 * count what the vendor recorded exactly once. `script` decides how each next request behaves.
 */
export class FakeVendor {
  readonly referrals = new Map<string, unknown>();
  readonly deals = new Map<string, unknown>();
  readonly requests: { method: string; url: string; headers: Record<string, string>; body?: unknown }[] = [];
  script: Behaviour[] = [];
  /** Applies when the script is empty. */
  fallback: Behaviour = { kind: 'normal' };
  statsBody: unknown = {
    practitionerId: 'p1',
    currency: 'USD',
    generatedAt: '2026-03-01T10:00:00Z',
    totals: { referrals: 0, clicks: 0, conversions: 0, commission: { pending: 0, approved: 0, paid: 0, reversed: 0 } },
    referrals: [],
  };
  catalogBody: unknown = null;
  catalogEtag = '"v1"';

  constructor(readonly endpoint = ENDPOINT) {}

  posts(path: string) {
    return this.requests.filter((r) => r.method === 'POST' && r.url.endsWith(path));
  }

  private readonly waiters: { until: () => boolean; resolve: () => void }[] = [];

  /** Resolves as soon as `until()` holds, checked when each request arrives (no polling, no sleep). */
  arrived(until: () => boolean): Promise<void> {
    if (until()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ until, resolve }));
  }

  readonly fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input);
    const method = init.method ?? 'GET';
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, val]) => [k.toLowerCase(), val]));
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    this.requests.push({ method, url: input, headers, body });
    const behaviour = this.script.shift() ?? this.fallback;
    queueMicrotask(() => {
      for (const w of this.waiters.filter((w) => w.until())) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    });
    const signal = init.signal ?? undefined;
    const hang = () =>
      new Promise<Response>((_, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason ?? new DOMException('aborted', 'AbortError')));
      });
    if (behaviour.kind === 'hang') return hang();
    if (behaviour.kind === 'reset') throw new TypeError('fetch failed: ECONNRESET');
    if (behaviour.kind === 'status') return new Response(behaviour.body ?? null, { status: behaviour.status, headers: behaviour.headers ?? {} });
    if (behaviour.kind === 'body') return new Response(behaviour.body, { status: 200, headers: { 'content-type': 'application/json' } });
    if (headers.authorization !== `Bearer ${this.token}` && !PUBLIC_ROUTES.has(url.pathname)) {
      return Response.json({ type: 'x', title: 'Unauthorized', status: 401, detail: 'bad token' }, { status: 401 });
    }
    const answer = this.handle(method, url.pathname, body, headers, behaviour);
    if (behaviour.kind === 'process-then-hang') return hang();
    return answer;
  };

  /** The bearer token the vendor accepts. */
  token = 'token-acme';
  /** Handles the enrolment routes when set (see ./world.ts). */
  enrolment: ((method: string, path: string, body: any) => Response | null) | null = null;

  private handle(method: string, path: string, body: any, headers: Record<string, string>, behaviour: Behaviour): Response {
    const enrolled = this.enrolment?.(method, path, body);
    if (enrolled) return enrolled;
    if (method === 'POST' && (path === '/v1/referrals' || path === '/v1/deals')) {
      const field = path === '/v1/referrals' ? 'referrals' : 'deals';
      const items: { id: string }[] = body[field];
      if (!Array.isArray(items) || items.length > 100) return Response.json({ title: 'Bad request', detail: 'batch' }, { status: 400 });
      const store = this[field];
      const rejectIds = behaviour.kind === 'reject-ids' ? behaviour.ids : new Set<string>();
      const results = items.map((item) => {
        if (rejectIds.has(item.id)) return { id: item.id, status: 'rejected', error: { title: 'Unknown offer', detail: 'offer "pro" is not in the catalog' } };
        if (!store.has(item.id)) store.set(item.id, item);
        return { id: item.id, status: 'accepted' };
      });
      return Response.json({ results: behaviour.kind === 'duplicate-results' ? [...results, ...results] : results });
    }
    if (method === 'GET' && path === '/v1/stats') return Response.json(this.statsBody);
    if (method === 'GET' && path === '/v1/catalog') {
      if (headers['if-none-match'] === this.catalogEtag) return new Response(null, { status: 304, headers: { etag: this.catalogEtag } });
      return Response.json(this.catalogBody, { headers: { etag: this.catalogEtag } });
    }
    return Response.json({ title: 'Not found' }, { status: 404 });
  }
}
