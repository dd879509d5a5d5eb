import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { admin, call, click, dealItem, enrol, paid, referralItem, refunded, sendWebhook, startHarness, type Harness } from './helpers';
import { signWebhook } from '../../src/endpoint/domain/webhook-signature';

let h: Harness;
beforeEach(async () => {
  if (h) await h.close();
  h = await startHarness();
});
afterAll(() => h.close());

const commissions = async () => (await call(h, '/v1/admin/commissions', { token: h.endpoint.adminToken })).json.commissions as { id: string; amount: number; gross: number; state: string; selfReferral: boolean; practitionerId: string; note: string; reason: Record<string, unknown> }[];

async function referred(opts: { certifications?: { productId: string; level: string }[]; productId?: string; offerId?: string; email?: string } = {}) {
  const p = await enrol(h, { certifications: opts.certifications ?? [], ...(opts.email ? { email: opts.email } : {}) });
  const code = await p.code();
  await call(h, '/v1/referrals', { token: p.token, body: { referrals: [referralItem(code, { productId: opts.productId ?? 'mysql', offerId: opts.offerId ?? 'mysql-enterprise' })] } });
  return { p, code };
}

describe('billing webhooks', () => {
  it('accepts a signed order.paid, dedupes a replayed id, and a refund reverses the commission', async () => {
    const { p, code } = await referred();
    await click(h, code);
    const event = paid({ referralCode: code });
    const res = await sendWebhook(h, event, { id: 'msg_1' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ received: true, duplicate: false });
    const replay = await sendWebhook(h, event, { id: 'msg_1' });
    expect(replay.json).toMatchObject({ received: true, duplicate: true });
    expect(await h.count('conversions')).toBe(1);
    expect(await h.count('webhooks')).toBe(1);
    // The same order under a new webhook id is not counted twice either (order ids are unique).
    await sendWebhook(h, event, { id: 'msg_2' });
    expect(await h.count('conversions')).toBe(1);
    expect((await commissions())[0]).toMatchObject({ amount: 10_000, state: 'pending', practitionerId: p.practitionerId });
    const refund = await sendWebhook(h, refunded(event.data.orderId, event.data.amount));
    expect(refund.json.outcome).toBe('commission-reversed');
    expect((await commissions())[0]).toMatchObject({ state: 'reversed', amount: 0, gross: 10_000 });
    const stats = (await call(h, '/v1/stats', { token: p.token })).json;
    expect(stats.totals).toMatchObject({ clicks: 1, conversions: 1, commission: { pending: 0, reversed: 10_000 } });
    expect(stats.referrals[0]).toMatchObject({ code, clicks: 1, conversions: 1 });
  });

  it('rejects a bad signature, a wrong secret, an old or future timestamp and missing headers, storing nothing', async () => {
    const event = paid({});
    expect((await sendWebhook(h, event, { signature: 'v1,AAAA' })).status).toBe(401);
    expect((await sendWebhook(h, event, { secret: 'whsec_' + Buffer.from('other secret').toString('base64') })).json.type).toMatch(/webhook-signature-invalid$/);
    const now = Math.floor(h.clock.now().getTime() / 1000);
    expect((await sendWebhook(h, event, { timestamp: now - 301 })).json.type).toMatch(/webhook-timestamp-out-of-tolerance$/);
    expect((await sendWebhook(h, event, { timestamp: now + 301 })).status).toBe(401);
    expect((await sendWebhook(h, event, { timestamp: now - 299 })).status).toBe(200);
    // A body changed after signing fails.
    const raw = JSON.stringify(event);
    const sig = signWebhook(h.endpoint.webhookSecret, 'msg_x', now, raw);
    const tampered = await call(h, '/v1/webhooks/billing', { raw: raw.replace('100000', '900000'), headers: { 'webhook-id': 'msg_x', 'webhook-timestamp': String(now), 'webhook-signature': `v1,bm9wZQ== ${sig}`.replace(sig, 'v1,' + sig.slice(3).split('').reverse().join('')) } });
    expect(tampered.status).toBe(401);
    const rotated = await call(h, '/v1/webhooks/billing', { raw, headers: { 'webhook-id': 'msg_x', 'webhook-timestamp': String(now), 'webhook-signature': `v1,bm9wZQ== ${sig}` } });
    expect(rotated.status).toBe(200); // any listed signature may match (secret rotation)
    expect((await call(h, '/v1/webhooks/billing', { raw })).status).toBe(400);
    expect(await h.count('webhooks')).toBe(2);
  });

  it('answers a signed but invalid body with 400 and records nothing', async () => {
    const res = await sendWebhook(h, { type: 'order.paid', data: { orderId: 'o1', productId: 'mysql', amount: -5, currency: 'usd', occurredAt: 'yesterday' } });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['data.amount', 'data.currency', 'data.occurredAt']));
    expect(await h.count('webhooks') + await h.count('conversions')).toBe(0);
  });
});

describe('commission rules', () => {
  it('pays percent terms times the certification-level bonus', async () => {
    const { code } = await referred({ certifications: [{ productId: 'mysql', level: 'associate' }, { productId: 'mysql', level: 'expert' }] });
    await click(h, code);
    await sendWebhook(h, paid({ referralCode: code, amount: 100_000 }));
    expect((await commissions())[0]!.amount).toBe(12_500); // 10% × 1.25 (expert)
  });

  it('pays fixed terms once for a one-time offer', async () => {
    const { code } = await referred({ productId: 'postgresql', offerId: 'postgresql-health-check', certifications: [{ productId: 'postgresql', level: 'professional' }] });
    await click(h, code);
    await sendWebhook(h, paid({ referralCode: code, productId: 'postgresql', offerId: 'postgresql-health-check', customerDomain: 'buyer.example' }));
    await sendWebhook(h, paid({ referralCode: code, productId: 'postgresql', offerId: 'postgresql-health-check', customerDomain: 'buyer.example' }));
    const list = await commissions();
    expect(list.map((c) => c.amount)).toEqual([22_000]); // 200 USD × 1.1, and only once
  });

  it('pays first-year terms only in the customer\'s first year, recurring terms every time', async () => {
    const { code } = await referred();
    await click(h, code);
    await sendWebhook(h, paid({ referralCode: code, customerDomain: 'loyal.example' }));
    h.clock.advance(30 * 86_400_000);
    await click(h, code, 'visitor-2');
    h.clock.advance(1000);
    await sendWebhook(h, paid({ referralCode: code, customerDomain: 'loyal.example', occurredAt: h.clock.now().toISOString() }));
    expect((await commissions()).length).toBe(2);
    h.clock.set('2027-03-05T10:00:00.000Z');
    await click(h, code, 'visitor-3');
    h.clock.advance(1000);
    const late = await sendWebhook(h, paid({ referralCode: code, customerDomain: 'loyal.example', occurredAt: h.clock.now().toISOString() }));
    expect(late.json.outcome).toMatch(/first year/);
    expect((await commissions()).length).toBe(2);
  });

  it('gives the order to the code the checkout carried, even when the visitor clicked another code later', async () => {
    const first = await referred();
    const second = await referred();
    await click(h, first.code, 'same-visitor');
    h.clock.advance(60_000);
    await click(h, second.code, 'same-visitor');
    h.clock.advance(60_000);
    await sendWebhook(h, paid({ referralCode: first.code, occurredAt: h.clock.now().toISOString() }));
    const [c] = await commissions();
    expect(c!.practitionerId).toBe(first.p.practitionerId);
    expect(c!.reason).toMatchObject({ attribution: 'code', code: first.code, terms: { kind: 'percent', value: 10, period: 'first-year' }, level: null, bonus: 1 });
  });

  it('flags self-referral and never pays it', async () => {
    const { code } = await referred({ email: 'me@selfco.example' });
    await click(h, code);
    const res = await sendWebhook(h, paid({ referralCode: code, customerDomain: 'selfco.example' }));
    expect(res.json.outcome).toBe('self-referral-flagged');
    const [c] = await commissions();
    expect(c).toMatchObject({ selfReferral: true, state: 'reversed' });
    const approve = await call(h, '/v1/admin/commissions/approve', { token: h.endpoint.adminToken, body: { ids: [c!.id] } });
    expect(approve.json).toEqual({ updated: 0, skipped: [{ id: c!.id, reason: 'self-referral: not payable' }] });
  });

  it('attributes only within 90 days of the click', async () => {
    const { code } = await referred();
    await click(h, code);
    h.clock.advance(91 * 86_400_000);
    const res = await sendWebhook(h, paid({ referralCode: code, occurredAt: h.clock.now().toISOString() }));
    expect(res.json.outcome).toMatch(/^unattributed: no counted click/);
    expect(await commissions()).toEqual([]);
    expect(await h.count('conversions', `attribution = 'none'`)).toBe(1);
  });

  it('moves commissions pending → approved, never backwards, and only approved ones go on a statement', async () => {
    const { code } = await referred();
    await click(h, code);
    await sendWebhook(h, paid({ referralCode: code }));
    const [c] = await commissions();
    expect((await call(h, '/v1/admin/payouts', { ...admin(h), body: {} })).json.statements).toEqual([]); // nothing approved yet
    expect((await call(h, '/v1/admin/commissions/approve', { ...admin(h), body: { ids: [c!.id] } })).json.updated).toBe(1);
    expect((await call(h, '/v1/admin/commissions/approve', { ...admin(h), body: { ids: [c!.id] } })).json).toEqual({ updated: 0, skipped: [{ id: c!.id, reason: 'is approved, not pending' }] });
    const closed = await call(h, '/v1/admin/payouts', { ...admin(h), body: {} });
    expect(closed.json.statements).toHaveLength(1);
    expect((await call(h, `/v1/admin/statements/${closed.json.statements[0].statement.id}/paid`, { ...admin(h), method: 'POST' })).status).toBe(200);
    expect((await commissions())[0]!.state).toBe('paid');
    const csv = await call(h, '/v1/admin/commissions.csv', admin(h));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[1]).toContain('"order","paid","10000","10000","USD"');
  });
});

describe('orders that do not match the referral', () => {
  it('uses the ordered product\'s terms when the referral was for another product or the offer is unknown', async () => {
    const { code } = await referred({ productId: 'redis', offerId: 'redis-cloud-pro' });
    await click(h, code);
    const res = await sendWebhook(h, paid({ referralCode: code, productId: 'mysql', offerId: 'no-such-offer', amount: 50_000 }));
    expect(res.status).toBe(200);
    // mysql's first offer: 10% (no redis terms, no crash)
    expect((await commissions())[0]!.amount).toBe(5_000);
  });
});
