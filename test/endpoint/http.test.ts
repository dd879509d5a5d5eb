import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, click, enrol, referralItem, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const CHROME = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const FIREFOX = 'moz-extension://0b6a4a0c-33b2-4c8e-9a55-3f1f8d1e2b7c';

describe('catalog', () => {
  it('serves the seeded catalog publicly with an ETag and answers 304 when unchanged', async () => {
    const res = await call(h.url, '/v1/catalog');
    expect(res.status).toBe(200);
    expect(res.json.vendors[0].id).toBe('demo-db');
    expect(res.json.vendors[0].referral).toEqual({ linkStyle: 'redirect', endpoint: h.url });
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await call(h.url, '/v1/catalog', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect((await call(h.url, '/v1/catalog', { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });

  it('the seeded catalog passes the shared catalog parser', async () => {
    const { parseCatalog } = await import('../../src/core/catalog');
    const body = (await call(h.url, '/v1/catalog')).json;
    expect(parseCatalog(body).vendors[0]!.products.map((p) => p.id)).toEqual(['mysql', 'postgresql', 'redis']);
  });
});

describe('problem details', () => {
  it('answers unknown routes, wrong methods and auth failures with RFC 9457 bodies', async () => {
    for (const [method, path, status] of [
      ['GET', '/v2/catalog', 404],
      ['POST', '/v1/catalog', 405],
      ['GET', '/v1/stats', 401],
      ['GET', '/v1/admin/dashboard', 401],
    ] as const) {
      const res = await call(h.url, path, { method, ...(method === 'POST' ? { body: {} } : {}) });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.json).toMatchObject({ type: expect.stringMatching(/^https:\/\/advocate\.dev\/problems\/[a-z-]+$/), title: expect.any(String), status, detail: expect.any(String) });
    }
    expect((await call(h.url, '/v1/catalog', { method: 'POST', body: {} })).headers.get('allow')).toBe('GET');
  });
});

describe('stats', () => {
  it('shows each practitioner only their own referrals and clicks', async () => {
    const alice = await enrol(h);
    const bob = await enrol(h);
    const aliceCode = await alice.code();
    await call(h.url, '/v1/referrals', { token: alice.token, body: { referrals: [referralItem(aliceCode), referralItem(await alice.code())] } });
    await call(h.url, '/v1/referrals', { token: bob.token, body: { referrals: [referralItem(await bob.code())] } });
    await click(h, aliceCode);
    const a = (await call(h.url, '/v1/stats', { token: alice.token })).json;
    const b = (await call(h.url, '/v1/stats', { token: bob.token })).json;
    expect(a.practitionerId).toBe(alice.practitionerId);
    expect(a.totals).toMatchObject({ referrals: 2, clicks: 1 });
    expect(b.totals).toMatchObject({ referrals: 1, clicks: 0 });
    expect(b.referrals.map((r: { code: string }) => r.code)).not.toContain(aliceCode);
    expect(a.referrals.find((r: { code: string }) => r.code === aliceCode).lastClickAt).toBe(h.clock.now().toISOString());
  });
});

describe('CORS', () => {
  it('allows only extension origins, only on extension routes', async () => {
    for (const origin of [CHROME, FIREFOX]) {
      const pre = await call(h.url, '/v1/referrals', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
      expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      const get = await call(h.url, '/v1/catalog', { headers: { origin } });
      expect(get.headers.get('access-control-allow-origin')).toBe(origin);
      expect(get.headers.get('access-control-expose-headers')).toMatch(/ETag/);
    }
    const evil = await call(h.url, '/v1/referrals', { method: 'OPTIONS', headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' } });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect((await call(h.url, '/v1/catalog', { headers: { origin: 'https://evil.example.com' } })).headers.get('access-control-allow-origin')).toBeNull();
    // Admin and webhook routes are never cross-origin, not even for an extension.
    expect((await call(h.url, '/v1/admin/dashboard', { method: 'OPTIONS', headers: { origin: CHROME } })).status).toBe(403);
    expect((await call(h.url, '/v1/webhooks/billing', { method: 'OPTIONS', headers: { origin: CHROME } })).status).toBe(403);
    expect((await call(h.url, '/v1/admin/dashboard', { token: h.endpoint.adminToken, headers: { origin: CHROME } })).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After per IP, and recovers after the wait', async () => {
    const limited = await startHarness({ rateLimits: { perIp: { capacity: 3, refillPerSecond: 1 }, perToken: false, redirectPerIp: false } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await call(limited.url, '/v1/vendor')).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const res = await call(limited.url, '/v1/vendor');
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.json.type).toMatch(/rate-limited$/);
      limited.clock.advance(1000);
      expect((await call(limited.url, '/v1/vendor')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('limits each access token on its own', async () => {
    const limited = await startHarness({ rateLimits: { perIp: false, perToken: { capacity: 2, refillPerSecond: 0.5 }, redirectPerIp: false } });
    try {
      const a = await enrol(limited);
      const b = await enrol(limited);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await call(limited.url, '/v1/stats', { token: a.token })).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect((await call(limited.url, '/v1/stats', { token: a.token })).headers.get('retry-after')).toBe('2');
      expect((await call(limited.url, '/v1/stats', { token: b.token })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('limits redirects per IP with a separate, larger bucket', async () => {
    const limited = await startHarness({ rateLimits: { perIp: false, perToken: false, redirectPerIp: { capacity: 2, refillPerSecond: 1 } } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await click(limited, 'anything')).status);
      expect(statuses).toEqual([302, 302, 429]);
    } finally {
      await limited.close();
    }
  });
});
