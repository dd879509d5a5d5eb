import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { REPO_ROOT, devExtensionOrigins } from '../../src/endpoint/app';
import { addressKey } from '../../src/endpoint/http/address';
import { chromeIdForFolder } from '../../src/endpoint/http/cors';
import { RateLimiter } from '../../src/endpoint/http/rate-limit';
import { EXTENSION, call, click, enrol, referralItem, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const OTHER_CHROME = 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba';
const FIREFOX = 'moz-extension://0b6a4a0c-33b2-4c8e-9a55-3f1f8d1e2b7c';

describe('catalog', () => {
  it('serves the seeded catalog publicly with an ETag and answers 304 when unchanged', async () => {
    const res = await call(h, '/v1/catalog');
    expect(res.status).toBe(200);
    expect(res.json.vendors[0].id).toBe('demo-db');
    expect(res.json.vendors[0].referral).toEqual({ linkStyle: 'redirect', endpoint: 'https://endpoint.test' });
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await call(h, '/v1/catalog', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect((await call(h, '/v1/catalog', { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });

  it('the seeded catalog passes the shared catalog parser', async () => {
    const { parseCatalog } = await import('../../src/core/catalog');
    const body = (await call(h, '/v1/catalog')).json;
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
      const res = await call(h, path, { method, ...(method === 'POST' ? { body: {} } : {}) });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.json).toMatchObject({ type: expect.stringMatching(/^https:\/\/advocate\.dev\/problems\/[a-z-]+$/), title: expect.any(String), status, detail: expect.any(String) });
    }
    expect((await call(h, '/v1/catalog', { method: 'POST', body: {} })).headers.get('allow')).toBe('GET');
  });
});

describe('stats', () => {
  it('shows each practitioner only their own referrals and clicks', async () => {
    const alice = await enrol(h);
    const bob = await enrol(h);
    const aliceCode = await alice.code();
    await call(h, '/v1/referrals', { token: alice.token, body: { referrals: [referralItem(aliceCode), referralItem(await alice.code())] } });
    await call(h, '/v1/referrals', { token: bob.token, body: { referrals: [referralItem(await bob.code())] } });
    await click(h, aliceCode);
    const a = (await call(h, '/v1/stats', { token: alice.token })).json;
    const b = (await call(h, '/v1/stats', { token: bob.token })).json;
    expect(a.practitionerId).toBe(alice.practitionerId);
    expect(a.totals).toMatchObject({ referrals: 2, clicks: 1 });
    expect(b.totals).toMatchObject({ referrals: 1, clicks: 0 });
    expect(b.referrals.map((r: { code: string }) => r.code)).not.toContain(aliceCode);
    expect(a.referrals.find((r: { code: string }) => r.code === aliceCode).lastClickAt).toBe(h.clock.now().toISOString());
  });
});

describe('CORS', () => {
  it('answers only the configured extension origins, only on extension routes', async () => {
    const listed = EXTENSION;
    const pre = await call(h, '/v1/referrals', { method: 'OPTIONS', headers: { origin: listed, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(listed);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const get = await call(h, '/v1/catalog', { headers: { origin: listed } });
    expect(get.headers.get('access-control-allow-origin')).toBe(listed);
    expect(get.headers.get('access-control-expose-headers')).toMatch(/ETag/);
    // Another extension (any other id), a web page: no CORS at all.
    for (const origin of [OTHER_CHROME, FIREFOX, 'https://evil.example.com']) {
      const refused = await call(h, '/v1/referrals', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      expect((await call(h, '/v1/catalog', { headers: { origin } })).headers.get('access-control-allow-origin')).toBeNull();
    }
    // Admin and webhook routes are never cross-origin, not even for a listed extension.
    expect((await call(h, '/v1/admin/dashboard', { method: 'OPTIONS', headers: { origin: listed } })).status).toBe(403);
    expect((await call(h, '/v1/webhooks/billing', { method: 'OPTIONS', headers: { origin: listed } })).status).toBe(403);
    expect((await call(h, '/v1/admin/dashboard', { token: h.endpoint.adminToken, headers: { origin: listed } })).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the demo configuration allows the dev build in dist/, by the id Chrome derives from its folder', async () => {
    expect(chromeIdForFolder('/home/dana/advocate/dist')).toMatch(/^[a-p]{32}$/);
    expect(chromeIdForFolder('/home/dana/advocate/dist')).not.toBe(chromeIdForFolder('/home/dana/other/dist'));
    expect(devExtensionOrigins()).toEqual([`chrome-extension://${chromeIdForFolder(`${REPO_ROOT}dist`)}`]);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After per address, and recovers after the wait', async () => {
    const limited = await startHarness({ limits: { perAddress: { capacity: 3, refillPerSecond: 1 } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await call(limited, '/v1/vendor')).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const res = await call(limited, '/v1/vendor');
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.json.type).toMatch(/rate-limited$/);
      expect((await call(limited, '/v1/vendor', { address: '192.0.2.9' })).status).toBe(200); // another client
      limited.clock.advance(1000);
      expect((await call(limited, '/v1/vendor')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('groups IPv6 clients by /64, and IPv4-mapped IPv6 with its IPv4 address', async () => {
    const limited = await startHarness({ limits: { perAddress: { capacity: 2, refillPerSecond: 0.01 } } });
    try {
      expect((await call(limited, '/v1/vendor', { address: '2001:db8:1:2::1' })).status).toBe(200);
      expect((await call(limited, '/v1/vendor', { address: '2001:db8:1:2:ffff::9' })).status).toBe(200);
      expect((await call(limited, '/v1/vendor', { address: '2001:db8:1:2:abcd:1:2:3' })).status).toBe(429); // same /64
      expect((await call(limited, '/v1/vendor', { address: '2001:db8:1:3::1' })).status).toBe(200); // next /64
      expect((await call(limited, '/v1/vendor', { address: '198.51.100.7' })).status).toBe(200);
      expect((await call(limited, '/v1/vendor', { address: '::ffff:198.51.100.7' })).status).toBe(200);
      expect((await call(limited, '/v1/vendor', { address: '198.51.100.7' })).status).toBe(429);
    } finally {
      await limited.close();
    }
    expect(addressKey('2001:db8:0:0:1::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
  });

  it('limits each validated access token on its own; bad tokens count against the address', async () => {
    const limited = await startHarness({ limits: { perToken: { capacity: 2, refillPerSecond: 0.5 }, perAddress: { capacity: 3, refillPerSecond: 0.01 } } });
    try {
      const a = await enrol(limited);
      const b = await enrol(limited);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await call(limited, '/v1/stats', { token: a.token, address: '203.0.113.1' })).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect((await call(limited, '/v1/stats', { token: a.token, address: '203.0.113.2' })).headers.get('retry-after')).toBe('2');
      expect((await call(limited, '/v1/stats', { token: b.token, address: '203.0.113.1' })).status).toBe(200);
      // Made-up tokens do not get buckets of their own: they spend the caller's address bucket.
      const guesses = [];
      for (let i = 0; i < 4; i++) guesses.push((await call(limited, '/v1/stats', { token: `adv_guess${i}`, address: '203.0.113.66' })).status);
      expect(guesses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it('keeps memory bounded under many distinct keys', () => {
    let t = 0;
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1 }, () => t, 1000);
    for (let i = 0; i < 5000; i++) limiter.take(`k${i}`);
    expect(limiter.size).toBe(1000);
    expect(limiter.take('k4999')).toBe(1); // the newest key is remembered
    t += 5000; // past every bucket's TTL
    expect(limiter.take('k4999')).toBe(0);
  });

  it('limits redirects per address with a separate, larger bucket', async () => {
    const limited = await startHarness({ limits: { redirectPerAddress: { capacity: 2, refillPerSecond: 1 } } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await click(limited, 'anything')).status);
      expect(statuses).toEqual([302, 302, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('over real sockets', () => {
  it('refuses bodies over 256 KiB with 413, declared or streamed', async () => {
    const me = await enrol(h);
    const url = await h.listen();
    const huge = JSON.stringify({ referrals: [referralItem(await me.code(), { campaign: 'x'.repeat(300 * 1024) })] });
    const declared = await call(url, '/v1/referrals', { token: me.token, raw: huge });
    expect(declared.status).toBe(413);
    expect(declared.json.type).toMatch(/payload-too-large$/);
    // Chunked, no Content-Length: counted as it arrives.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${url}/v1/referrals`, { method: 'POST', headers: { authorization: `Bearer ${me.token}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 30; i++) req.write('x'.repeat(10 * 1024));
      req.end();
    });
    expect(streamed).toBe(413);
  });

  it('cuts off a client that sends its body too slowly, and still serves others', async () => {
    const slow = await startHarness();
    try {
      const url = new URL(await slow.listen({ requestTimeoutMs: 300 }));
      const started = Date.now();
      const closed = await new Promise<string>((resolve) => {
        const socket = connect(Number(url.port), url.hostname, () => {
          socket.write('POST /v1/enrol HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"co');
        });
        let answer = '';
        socket.on('data', (d) => (answer += d.toString()));
        socket.on('close', () => resolve(answer));
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(closed).toMatch(/^HTTP\/1\.1 408/);
      expect((await call(url.origin, '/healthz')).status).toBe(200); // positive control: the server still answers
    } finally {
      await slow.close();
    }
  });
});
