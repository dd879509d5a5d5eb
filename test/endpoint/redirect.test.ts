import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE, call, click, enrol, lastCharOtherThan, referralItem, startHarness, type Enrolled, type Harness } from './helpers';

let h: Harness;
let me: Enrolled;
beforeAll(async () => {
  h = await startHarness();
  me = await enrol(h);
});
afterAll(() => h.close());

const clicksFor = async (token: string) => (await call(h, '/v1/stats', { token })).json.totals.clicks as number;

describe('GET /r/:code', () => {
  it('redirects to the synced referral offer and counts a visitor once per day', async () => {
    const code = await me.code();
    await call(h, '/v1/referrals', { token: me.token, body: { referrals: [referralItem(code, { productId: 'redis', offerId: 'redis-cloud-pro' })] } });
    const first = await click(h, code);
    expect(first.status).toBe(302);
    expect(first.location).toBe(`https://demo-db.example.com/offers/redis-cloud-pro?ref=${code}`);
    await click(h, code.toUpperCase()); // same visitor, same day, codes are case-insensitive
    const probe = await call(h, `/r/${code}`, { method: 'HEAD', headers: { 'user-agent': 'link-previewer' } });
    expect(probe.status).toBe(302); // answered, but a HEAD probe is not a visit
    expect(await clicksFor(me.token)).toBe(1);
    await click(h, code, 'visitor-b');
    expect(await clicksFor(me.token)).toBe(2);
    h.clock.advance(86_400_000);
    await click(h, code);
    expect(await clicksFor(me.token)).toBe(3);
    // No raw IP or user agent is stored anywhere.
    expect(await h.count('clicks', `visitor_hash like '%visitor-a%' or visitor_hash like '%127.0.0.1%'`)).toBe(0);
    expect(await h.count('daily_salts')).toBe(1); // yesterday's salt is gone
  });

  it('counts clicks of a code that has not synced yet, on the offer its link names', async () => {
    const code = await me.code();
    const res = await click(h, code, 'visitor-c', '?o=postgresql-support');
    expect(res.location).toBe(`https://demo-db.example.com/offers/postgresql-support?ref=${code}`);
    const fallback = await click(h, await me.code(), 'visitor-c', '?o=nope');
    expect(fallback.location).toMatch(/^https:\/\/demo-db\.example\.com\/offers\/mysql-enterprise\?ref=/);
    // Committed before the redirect was answered.
    expect(await h.count('clicks', `offer_id = 'postgresql-support' and code = '${code}'`)).toBe(1);
  });

  it('sends forged and malformed codes to the plain offer page and counts nothing', async () => {
    const before = await h.count('clicks');
    const real = await me.code();
    const forged = real.slice(0, 20) + (real[20] === 'a' ? 'b' : 'a') + real.slice(21);
    for (const code of [forged, 'short', '0000000000000000000000000', 'zzzzzzzzzzzzzzzzzzzzzzzz', '%E0%A4%A']) {
      const res = await click(h, code, 'visitor-f');
      expect(res.status).toBe(302);
      expect(res.location).toBe('https://demo-db.example.com/pricing');
    }
    const withOffer = await click(h, forged, 'visitor-f', '?o=redis-cloud-pro');
    expect(withOffer.location).toBe('https://demo-db.example.com/offers/redis-cloud-pro');
    expect(await h.count('clicks')).toBe(before);
  });
});

describe('GET /r/:code over a real socket (the Node fast path in front of hono)', () => {
  it('redirects, counts navigations only, and limits per address like the in-process route', async () => {
    const limited = await startHarness({ limits: { redirectPerAddress: { capacity: 3, refillPerSecond: 0.01 } } });
    try {
      const p = await enrol(limited);
      const code = await p.code();
      const url = await limited.listen();
      const nav = await click(url, code, 'socket-visitor');
      expect(nav).toEqual({ status: 302, location: `https://demo-db.example.com/offers/mysql-enterprise?ref=${code}` });
      expect((await click(url, code, 'socket-visitor', '', IMAGE)).status).toBe(302);
      expect((await click(url, `${code.slice(0, 23)}${lastCharOtherThan(code, 'x')}`, 'socket-visitor')).location).toBe('https://demo-db.example.com/pricing');
      expect(await limited.count('clicks', `code = '${code}'`)).toBe(1);
      const over = await call(url, `/r/${code}`);
      expect(over.status).toBe(429);
      expect(over.headers.get('retry-after')).not.toBeNull();
      expect(over.json.type).toMatch(/rate-limited$/);
      // Everything else on the same socket still reaches hono.
      expect((await call(url, '/r/a/b')).status).toBe(404);
      expect((await call(url, `/r/${code}`, { method: 'POST', body: {} })).status).toBe(405);
    } finally {
      await limited.close();
    }
  });
});
