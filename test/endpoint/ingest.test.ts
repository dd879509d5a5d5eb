import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, enrol, referralItem, startHarness, type Enrolled, type Harness } from './helpers';

let h: Harness;
let me: Enrolled;
beforeAll(async () => {
  h = await startHarness();
  me = await enrol(h);
});
afterAll(() => h.close());

describe('referral batches', () => {
  it('is idempotent for ever: a resent batch answers the same bytes and stores one row per item', async () => {
    const batch = { referrals: [referralItem(await me.code()), referralItem(await me.code(), { productId: 'redis', offerId: 'redis-cloud-pro', giveBack: { url: 'https://opencollective.com/redis', percent: 10 } })] };
    const first = await call(h, '/v1/referrals', { token: me.token, body: batch });
    expect(first.status).toBe(200);
    expect(first.json.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
    h.clock.advance(400 * 86_400_000); // "for ever", not 24 hours
    const again = await call(h, '/v1/referrals', { token: me.token, body: batch });
    expect(again.text).toBe(first.text);
    expect(await h.count('referrals', `id = '${batch.referrals[0]!.id}'`)).toBe(1);
    expect(await h.count('referrals', `id = '${batch.referrals[1]!.id}'`)).toBe(1);
    // Even with changed content, a known id answers as before and changes nothing.
    const altered = await call(h, '/v1/referrals', { token: me.token, body: { referrals: [{ ...batch.referrals[0]!, campaign: 'changed' }] } });
    expect(altered.json.results[0]).toEqual(first.json.results[0]);
    expect(await h.count('referrals', `campaign = 'changed'`)).toBe(0);
  });

  it('rejects bad items one by one and accepts the rest, in request order', async () => {
    const good = referralItem(await me.code());
    const forged = referralItem('0123456789abcdefghjkmnpq');
    const unknownOffer = referralItem(await me.code(), { offerId: 'nope' });
    const wrongProduct = referralItem(await me.code(), { productId: 'oracle' });
    const badChannel = referralItem(await me.code(), { channel: 'billboard' });
    const noId = { ...referralItem(await me.code()), id: 'not-a-uuid' };
    const other = await enrol(h);
    const someoneElsesCode = referralItem(await other.code());
    const res = await call(h, '/v1/referrals', { token: me.token, body: { referrals: [forged, good, unknownOffer, wrongProduct, badChannel, noId, someoneElsesCode] } });
    expect(res.status).toBe(200);
    const results = res.json.results as { id: string; status: string; error?: { title: string; detail: string } }[];
    expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(results.map((r) => r.id)).toEqual([forged.id, good.id, unknownOffer.id, wrongProduct.id, badChannel.id, 'not-a-uuid', someoneElsesCode.id]);
    expect(results[0]!.error!.title).toBe('Invalid referral code');
    expect(results[2]!.error!.title).toBe('Unknown offer');
    expect(results[3]!.error!.title).toBe('Unknown product');
    expect(results[4]!.error!.detail).toMatch(/channel/);
    expect(await h.count('referrals', `id = '${good.id}'`)).toBe(1);
    expect(await h.count('referrals', `id in ('${forged.id}', '${unknownOffer.id}', '${someoneElsesCode.id}')`)).toBe(0);
  });

  it('rejects a second referral that reuses a code, and an id used by another enrolment', async () => {
    const code = await me.code();
    const a = referralItem(code);
    const b = referralItem(code);
    const res = await call(h, '/v1/referrals', { token: me.token, body: { referrals: [a, b] } });
    expect(res.json.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'rejected']);
    const other = await enrol(h);
    const stolen = await call(h, '/v1/referrals', { token: other.token, body: { referrals: [{ ...a, code: await other.code() }] } });
    expect(stolen.json.results[0].status).toBe('rejected');
    expect(stolen.json.results[0].error.title).toBe('Id already used');
    expect(await h.count('referrals', `practitioner_id = '${other.practitionerId}'`)).toBe(0);
  });

  it('answers whole-request problems with 400, 401 and 413', async () => {
    const tooMany = { referrals: await Promise.all(Array.from({ length: 101 }, async () => referralItem(await me.code()))) };
    const many = await call(h, '/v1/referrals', { token: me.token, body: tooMany });
    expect(many.status).toBe(400);
    expect(many.json.detail).toMatch(/at most 100/);
    expect(await h.count('referrals', `id = '${tooMany.referrals[0]!.id}'`)).toBe(0);
    expect((await call(h, '/v1/referrals', { token: me.token, body: { referrals: [] } })).status).toBe(400);
    expect((await call(h, '/v1/referrals', { token: me.token, body: { referrals: 'x' } })).status).toBe(400);
    expect((await call(h, '/v1/referrals', { token: me.token, body: [1, 2] })).status).toBe(400);
    expect((await call(h, '/v1/referrals', { body: { referrals: [referralItem(await me.code())] } })).status).toBe(401);
    expect((await call(h, '/v1/referrals', { token: 'adv_nope', body: { referrals: [referralItem(await me.code())] } })).status).toBe(401);
    const huge = { referrals: [referralItem(await me.code(), { campaign: 'x'.repeat(300 * 1024) })] };
    const big = await call(h, '/v1/referrals', { token: me.token, body: huge });
    expect(big.status).toBe(413);
    expect(big.json.type).toMatch(/payload-too-large$/);
    expect(await h.count('referrals', `id = '${huge.referrals[0]!.id}'`)).toBe(0);
  });
});

describe('deal batches', () => {
  it('registers deals idempotently; first practitioner to register a customer wins', async () => {
    const deal = { id: randomUUID(), vendorId: 'demo-db', productId: 'postgresql', customerName: 'Acme', customerDomain: 'ACME.example', expectedSeats: 20, createdAt: h.clock.now().toISOString() };
    const first = await call(h, '/v1/deals', { token: me.token, body: { deals: [deal] } });
    expect(first.json.results).toEqual([{ id: deal.id, status: 'accepted' }]);
    expect((await call(h, '/v1/deals', { token: me.token, body: { deals: [deal] } })).text).toBe(first.text);
    expect(await h.count('deals', `customer_domain = 'acme.example'`)).toBe(1);
    const rival = await enrol(h);
    const clash = await call(h, '/v1/deals', { token: rival.token, body: { deals: [{ ...deal, id: randomUUID() }] } });
    expect(clash.json.results[0].status).toBe('rejected');
    expect(clash.json.results[0].error.title).toBe('Deal already registered');
    const bad = await call(h, '/v1/deals', { token: me.token, body: { deals: [{ ...deal, id: randomUUID(), customerDomain: 'not a domain' }] } });
    expect(bad.json.results[0].status).toBe('rejected');
    expect(bad.json.results[0].error.detail).toMatch(/customerDomain/);
  });
});

describe('transactions', () => {
  it('a failure in the middle of a batch leaves nothing half-written, and the batch can be resent', async () => {
    const undo = await h.failInserts('referrals', `new.campaign = 'boom'`);
    try {
      const good = referralItem(await me.code());
      const bad = referralItem(await me.code(), { campaign: 'boom' });
      const res = await call(h, '/v1/referrals', { token: me.token, body: { referrals: [good, bad] } });
      expect(res.status).toBe(500);
      expect(res.json.type).toMatch(/internal-error$/);
      expect(await h.count('referrals', `id = '${good.id}'`)).toBe(0);
      expect(await h.count('ingest_results', `id in ('${good.id}', '${bad.id}')`)).toBe(0);
      await undo();
      const retry = await call(h, '/v1/referrals', { token: me.token, body: { referrals: [good, bad] } });
      expect(retry.json.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
    } catch (error) {
      await undo().catch(() => {});
      throw error;
    }
  });
});
