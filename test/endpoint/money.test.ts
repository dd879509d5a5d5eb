// The money rules of docs/protocol.md, each with the case that went wrong before this round:
// offset times, a deal dated 2099, a stuffed image click, a squatted deal, EUR into USD, a refund
// before its order, a frozen rejection, names with hidden characters, re-enrolment.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/endpoint/app';
import { silentLog } from '../../src/endpoint/context';
import { IMAGE, admin, call, click, dealItem, enrol, enrolWith, paid, referralItem, refunded, sendWebhook, startHarness, type Enrolled, type Harness } from './helpers';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

type Row = { id: string; amount: number; gross: number; state: string; kind: string; practitionerId: string; orderId: string; reason: Record<string, unknown>; note: string; statementId: string | null };
const commissions = async () => (await call(h, '/v1/admin/commissions', admin(h))).json.commissions as Row[];
const stats = async (p: Enrolled) => (await call(h, '/v1/stats', { token: p.token })).json;

async function referred(opts: { email?: string; certifications?: { productId: string; level: string }[] } = {}) {
  const p = await enrol(h, { certifications: opts.certifications ?? [], ...(opts.email ? { email: opts.email } : {}) });
  const code = await p.code();
  await call(h, '/v1/referrals', { token: p.token, body: { referrals: [referralItem(code)] } });
  return { p, code };
}

describe('time is time, not text', () => {
  it('an order at 10:30+01:00 is before a click at 10:00Z and is not attributed to it', async () => {
    const { code } = await referred();
    h.clock.set('2026-03-01T10:00:00.000Z');
    await click(h, code);
    h.clock.set('2026-03-01T10:45:00.000Z');
    const res = await sendWebhook(h, paid({ referralCode: code, occurredAt: '2026-03-01T10:30:00+01:00' }));
    expect(res.json.outcome).toMatch(/^unattributed: no counted click/);
    expect(await h.count('conversions', `occurred_at = '2026-03-01T09:30:00.000Z'`)).toBe(1); // stored as the instant
    // The same wall-clock time in UTC is after the click, and is attributed.
    const later = await sendWebhook(h, paid({ referralCode: code, occurredAt: '2026-03-01T10:30:00.5Z' }));
    expect(later.json.outcome).toBe('commission-pending via code');
  });

  it('refuses an order dated more than 5 minutes ahead of the endpoint, recording nothing', async () => {
    const res = await sendWebhook(h, paid({ occurredAt: '2099-01-01T00:00:00Z' }));
    expect(res.status).toBe(422);
    expect(res.json.type).toMatch(/time-in-future$/);
    expect(await h.count('conversions') + await h.count('webhooks')).toBe(0);
  });
});

describe('deals are claims a vendor reviews, dated by the endpoint', () => {
  it('rejects a deal dated 2099 (retryable, not stored); registration time is when the endpoint received it', async () => {
    const p = await enrol(h);
    const future = dealItem({ createdAt: '2099-01-01T00:00:00Z' });
    const res = await call(h, '/v1/deals', { token: p.token, body: { deals: [future] } });
    expect(res.json.results[0]).toMatchObject({ status: 'rejected', error: { title: 'Created in the future', retryable: true } });
    expect(await h.count('ingest_results', `id = '${future.id}'`)).toBe(0);
    // Back-dated: the claim counts from its arrival, not from the date it names.
    const old = dealItem({ createdAt: '2025-01-01T00:00:00Z' });
    await call(h, '/v1/deals', { token: p.token, body: { deals: [old] } });
    expect(await h.count('deals', `id = '${old.id}' and received_at = '${h.clock.now().toISOString()}' and status = 'pending'`)).toBe(1);
  });

  it('refuses free-mail and shared domains for good, and bounds pending deals per practitioner', async () => {
    const p = await enrol(h);
    const squats = ['gmail.com', 'yahoo.co.jp', 'github.io', 'co.uk'].map((customerDomain) => dealItem({ customerDomain }));
    const res = await call(h, '/v1/deals', { token: p.token, body: { deals: squats } });
    for (const r of res.json.results) expect(r).toMatchObject({ status: 'rejected', error: { title: 'Domain cannot be claimed' } });
    expect(res.json.results[0].error.retryable).toBeUndefined();
    expect(await h.count('ingest_results', `kind = 'deal'`)).toBe(4); // final answers are kept
    const many = Array.from({ length: 21 }, (_, i) => dealItem({ customerDomain: `customer-${i}.example` }));
    const answered = (await call(h, '/v1/deals', { token: p.token, body: { deals: many } })).json.results;
    expect(answered.filter((r: { status: string }) => r.status === 'accepted')).toHaveLength(20);
    expect(answered[20]).toMatchObject({ status: 'rejected', error: { title: 'Too many pending deals', retryable: true } });
    // Once the vendor reviews one, the same item goes in.
    const [first] = (await call(h, '/v1/admin/deals?status=pending', admin(h))).json.deals;
    await call(h, '/v1/admin/deals/decline', { ...admin(h), body: { ids: [first.id] } });
    expect((await call(h, '/v1/deals', { token: p.token, body: { deals: [many[20]] } })).json.results[0].status).toBe('accepted');
  });

  it('a pending deal wins nothing; an approved deal wins orders without a code; it never beats a carried code clicked before its approval', async () => {
    const clicker = await referred();
    const dealer = await enrol(h);
    const deal = dealItem({ customerDomain: 'sales.bigco.example' });
    await call(h, '/v1/deals', { token: dealer.token, body: { deals: [deal] } });
    h.clock.advance(60_000);
    await click(h, clicker.code);
    h.clock.advance(60_000);
    // Pending: the click's code wins, and an order without code is not attributed.
    expect((await sendWebhook(h, paid({ referralCode: clicker.code, customerDomain: 'bigco.example', occurredAt: h.clock.now().toISOString() }))).json.outcome).toBe('commission-pending via code');
    expect((await sendWebhook(h, paid({ customerDomain: 'bigco.example', occurredAt: h.clock.now().toISOString() }))).json.outcome).toMatch(/^unattributed/);
    // Approved now, after the click: the carried code still wins; orders without a code go to the deal.
    expect((await call(h, '/v1/admin/deals/approve', { ...admin(h), body: { ids: [deal.id] } })).json.updated).toBe(1);
    h.clock.advance(60_000);
    const t = h.clock.now().toISOString();
    expect((await sendWebhook(h, paid({ referralCode: clicker.code, customerDomain: 'bigco.example', occurredAt: t }))).json.outcome).toBe('commission-pending via code');
    expect((await sendWebhook(h, paid({ customerDomain: 'www.bigco.example', occurredAt: t }))).json.outcome).toBe('commission-pending via deal');
    // A click made after the approval loses to the deal.
    h.clock.advance(60_000);
    await click(h, clicker.code, 'visitor-late');
    h.clock.advance(1000);
    const late = await sendWebhook(h, paid({ referralCode: clicker.code, customerDomain: 'bigco.example', occurredAt: h.clock.now().toISOString() }));
    expect(late.json.outcome).toBe('commission-pending via deal');
    const rows = await commissions();
    expect(rows.filter((r) => r.practitionerId === dealer.practitionerId).map((r) => r.reason.attribution)).toEqual(['deal', 'deal']);
    // It expires after the attribution window.
    h.clock.advance(91 * 86_400_000);
    expect((await sendWebhook(h, paid({ customerDomain: 'bigco.example', occurredAt: h.clock.now().toISOString() }))).json.outcome).toMatch(/^unattributed/);
    expect((await call(h, '/v1/admin/deals', admin(h))).json.deals[0]).toMatchObject({ id: deal.id, status: 'approved', expired: true, customerDomain: 'bigco.example' });
  });

  it('another practitioner cannot register a live deal; a declined or expired one frees the customer', async () => {
    const a = await enrol(h);
    const b = await enrol(h);
    const deal = dealItem();
    await call(h, '/v1/deals', { token: a.token, body: { deals: [deal] } });
    const rival = dealItem();
    const clash = await call(h, '/v1/deals', { token: b.token, body: { deals: [rival] } });
    expect(clash.json.results[0]).toMatchObject({ status: 'rejected', error: { title: 'Deal already registered', retryable: true } });
    await call(h, '/v1/admin/deals/decline', { ...admin(h), body: { ids: [deal.id] } });
    expect((await call(h, '/v1/deals', { token: b.token, body: { deals: [rival] } })).json.results[0].status).toBe('accepted');
  });
});

describe('clicks are navigations, and the code the checkout carried wins', () => {
  it('a rival link stuffed as an image after a real click is redirected, not counted, and takes nothing', async () => {
    const first = await referred();
    const rival = await referred();
    await click(h, first.code, 'buyer');
    h.clock.advance(30_000);
    const stuffed = await click(h, rival.code, 'buyer', '', IMAGE);
    expect(stuffed.status).toBe(302);
    for (const headers of <Record<string, string>[]>[{ 'sec-fetch-dest': 'iframe', 'sec-fetch-mode': 'navigate' }, { 'sec-fetch-dest': 'script', 'sec-fetch-mode': 'no-cors' }, { 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate', 'sec-purpose': 'prefetch' }]) {
      expect((await click(h, rival.code, 'buyer', '', headers)).status).toBe(302);
    }
    expect(await h.count('clicks', `code = '${rival.code}'`)).toBe(0);
    expect(await h.count('clicks', `code = '${first.code}'`)).toBe(1);
    // A browser without Fetch Metadata (or curl) still counts.
    await click(h, rival.code, 'old-browser', '', {});
    expect(await h.count('clicks', `code = '${rival.code}'`)).toBe(1);
    h.clock.advance(30_000);
    await sendWebhook(h, paid({ referralCode: first.code, occurredAt: h.clock.now().toISOString() }));
    expect((await commissions()).map((c) => c.practitionerId)).toEqual([first.p.practitionerId]);
    expect((await stats(rival.p)).totals.commission).toEqual({ pending: 0, approved: 0, paid: 0, reversed: 0 });
  });
});

describe('one vendor, explicit currencies', () => {
  it('refuses an order in another currency, recording nothing', async () => {
    const { code } = await referred();
    await click(h, code);
    const res = await sendWebhook(h, paid({ referralCode: code, currency: 'EUR' }));
    expect(res.status).toBe(422);
    expect(res.json.type).toMatch(/currency-not-accepted$/);
    expect(res.json.detail).toMatch(/USD/);
    expect(await h.count('conversions') + await h.count('commissions') + await h.count('webhooks')).toBe(0);
  });

  it('converts at a rate the vendor configured, says so on the commission, and never adds currencies', async () => {
    const rated = await startHarness({ settings: { exchangeRates: { EUR: 1.1, JPY: 0.0067 } } });
    try {
      const p = await enrol(rated);
      const code = await p.code();
      await click(rated, code);
      await sendWebhook(rated, paid({ referralCode: code, currency: 'EUR', amount: 100_000 })); // EUR 1,000.00
      rated.clock.advance(1000); // rows are listed by the time they were recorded
      await sendWebhook(rated, paid({ referralCode: code, currency: 'JPY', amount: 150_000 })); // JPY 150,000 (no minor unit)
      const rows = (await call(rated, '/v1/admin/commissions', admin(rated))).json.commissions as Row[];
      expect(rows.map((r) => [r.gross, (r as unknown as { currency: string }).currency])).toEqual([[11_000, 'USD'], [10_050, 'USD']]);
      expect(rows[0]!.reason.exchange).toEqual({ from: 'EUR', amount: 100_000, rate: 1.1 });
      expect(rows[0]!.note).toContain('EUR 1000.00 at 1.1 = USD 1100.00');
      const s = (await call(rated, '/v1/stats', { token: p.token })).json;
      expect(s.currency).toBe('USD');
      expect(s.totals.commission.pending).toBe(21_050);
    } finally {
      await rated.close();
    }
  });
});

describe('refunds and the order of events', () => {
  it('keeps a refund that arrives before its order and applies it: never a commission on a refunded order', async () => {
    const { code } = await referred();
    await click(h, code);
    const orderId = `ord_${randomUUID()}`;
    expect((await sendWebhook(h, refunded(orderId, 100_000))).json.outcome).toMatch(/^refund-kept/);
    const res = await sendWebhook(h, paid({ orderId, referralCode: code }));
    expect(res.json.outcome).toMatch(/^commission-reversed/);
    expect((await commissions())[0]).toMatchObject({ amount: 0, gross: 10_000, state: 'reversed' });
    expect(await h.count('refunds', `order_id = '${orderId}' and applied_at is not null`)).toBe(1);
  });

  it('reduces the commission proportionally to partial refunds, before and after approval', async () => {
    const { p, code } = await referred();
    await click(h, code);
    const event = paid({ referralCode: code, amount: 100_000 });
    await sendWebhook(h, event);
    await sendWebhook(h, refunded(event.data.orderId, 25_000));
    expect((await commissions())[0]).toMatchObject({ amount: 7_500, gross: 10_000, state: 'pending' });
    await call(h, '/v1/admin/commissions/approve', { ...admin(h), body: { ids: [(await commissions())[0]!.id] } });
    await sendWebhook(h, refunded(event.data.orderId, 25_000));
    expect((await commissions())[0]).toMatchObject({ amount: 5_000, state: 'approved' });
    expect((await commissions())[0]!.note).toMatch(/USD 500\.00 of USD 1000\.00 refunded/);
    expect((await stats(p)).totals.commission).toEqual({ pending: 0, approved: 5_000, paid: 0, reversed: 5_000 });
    // More than was paid is refunded: the commission goes to zero, never below.
    await sendWebhook(h, refunded(event.data.orderId, 90_000));
    expect((await commissions())[0]).toMatchObject({ amount: 0, state: 'reversed' });
  });

  it('refuses a refund in a currency other than its order', async () => {
    const event = paid({});
    await sendWebhook(h, event);
    const res = await sendWebhook(h, refunded(event.data.orderId, 100, { currency: 'EUR' }));
    expect(res.status).toBe(422);
    expect(res.json.type).toMatch(/currency-mismatch$/);
  });
});

describe('payouts', () => {
  it('closes a period into immutable statements per practitioner; paid once; refunds after it are clawed back next period', async () => {
    const a = await referred();
    const b = await referred();
    await click(h, a.code);
    await click(h, b.code);
    const orderA = paid({ referralCode: a.code, amount: 100_000 });
    await sendWebhook(h, orderA);
    const orderB = paid({ referralCode: b.code, amount: 50_000 });
    await sendWebhook(h, orderB);
    await sendWebhook(h, paid({ referralCode: a.code, amount: 20_000 })); // stays pending: not on the statement
    const ids = (await commissions()).filter((c) => c.orderId === orderA.data.orderId || c.orderId === orderB.data.orderId).map((c) => c.id);
    await call(h, '/v1/admin/commissions/approve', { ...admin(h), body: { ids } });
    h.clock.advance(1000);
    const closed = await call(h, '/v1/admin/payouts', { ...admin(h), body: {} });
    expect(closed.status).toBe(201);
    const statements = closed.json.statements.map((e: { statement: { practitionerId: string; total: number } }) => e.statement);
    expect(Object.fromEntries(statements.map((s: { practitionerId: string; total: number }) => [s.practitionerId, s.total]))).toEqual({ [a.p.practitionerId]: 10_000, [b.p.practitionerId]: 5_000 });
    const mine = (await call(h, '/v1/statements', { token: a.p.token })).json.statements;
    expect(mine).toHaveLength(1);
    const doc = mine[0].statement;
    expect(doc).toMatchObject({ currency: 'USD', total: 10_000, periodStart: null, vendorId: 'demo-db' });
    expect(doc.referrals).toHaveLength(1);
    expect(doc.lines[0]).toMatchObject({ orderId: orderA.data.orderId, code: a.code, amount: 10_000, attribution: 'code' });
    expect((await call(h, `/v1/statements/${doc.id}`, { token: b.p.token })).status).toBe(404); // not theirs
    const csv = await call(h, `/v1/statements/${doc.id}/csv`, { token: a.p.token });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.text).toContain(`"${orderA.data.orderId}"`);

    const pay = await call(h, `/v1/admin/statements/${doc.id}/paid`, { ...admin(h), method: 'POST' });
    expect(pay.json.paidAt).toBe(h.clock.now().toISOString());
    expect((await call(h, `/v1/admin/statements/${doc.id}/paid`, { ...admin(h), method: 'POST' })).status).toBe(409);

    // Half the order is refunded after payment: the statement stands, a clawback waits.
    await sendWebhook(h, refunded(orderA.data.orderId, 50_000));
    const after = (await call(h, `/v1/statements/${doc.id}`, { token: a.p.token })).json;
    expect(after.statement).toEqual(doc);
    expect((await call(h, `/v1/statements/${doc.id}/csv`, { token: a.p.token })).text).toBe(csv.text);
    const clawback = (await commissions()).find((c) => c.kind === 'clawback')!;
    expect(clawback).toMatchObject({ amount: -5_000, state: 'approved', practitionerId: a.p.practitionerId });
    expect((await stats(a.p)).totals.commission).toEqual({ pending: 2_000, approved: 0, paid: 10_000, reversed: 5_000 });
    // Next period: the clawback alone nets negative, so no statement; with the pending one approved it nets 2,000 - 5,000 < 0 still.
    expect((await call(h, '/v1/admin/payouts', { ...admin(h), body: {} })).json.statements).toEqual([]);
  });
});

describe('rejections that can change are not frozen', () => {
  it('an item for an offer the catalog lacks is answered again when resent after a catalog update', async () => {
    const p = await enrol(h);
    const item = referralItem(await p.code(), { productId: 'mysql', offerId: 'mysql-heatwave' });
    const first = await call(h, '/v1/referrals', { token: p.token, body: { referrals: [item] } });
    expect(first.json.results[0]).toMatchObject({ status: 'rejected', error: { title: 'Unknown offer', retryable: true } });
    expect(await h.count('ingest_results', `id = '${item.id}'`)).toBe(0);
    // The vendor adds the offer; the endpoint restarts on the same database.
    const catalog = JSON.parse((await h.db.selectFrom('meta').select('value').where('key', '=', 'catalog').executeTakeFirstOrThrow()).value);
    catalog.vendors[0].products[0].offers.push({ id: 'mysql-heatwave', name: 'HeatWave', url: 'https://demo-db.example.com/offers/heatwave', adds: 'Analytics.', commission: { kind: 'percent', value: 5, period: 'recurring' } });
    await h.db.updateTable('meta').set({ value: JSON.stringify(catalog) }).where('key', '=', 'catalog').execute();
    const restarted = await createApp({ db: h.db, clock: h.clock.now, secrets: { adminToken: h.endpoint.adminToken, webhookSecret: h.endpoint.webhookSecret, dataKey: h.dataKey }, log: silentLog });
    const again = await restarted.request('https://endpoint.test/v1/referrals', { method: 'POST', headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ referrals: [item] }) });
    expect(((await again.json()) as { results: { status: string }[] }).results[0]!.status).toBe('accepted');
    restarted.close();
  });
});

describe('names are text', () => {
  it('cleans names and order ids, refuses duplicate e-mails and certifications issued already expired', async () => {
    const res = await call(h, '/v1/admin/practitioners', { ...admin(h), body: { displayName: '  Dana\u202e evil\u0007 Cafe\u0301 ', email: ' Dana@Example.ORG ' } });
    expect(res.status).toBe(201);
    expect(res.json.practitioner).toMatchObject({ displayName: 'Dana evil Café', email: 'dana@example.org' });
    const dup = await call(h, '/v1/admin/practitioners', { ...admin(h), body: { displayName: 'Other', email: 'DANA@example.org' } });
    expect(dup.status).toBe(409);
    expect(dup.json.type).toMatch(/email-taken$/);
    const expired = await call(h, '/v1/admin/practitioners', { ...admin(h), body: { displayName: 'X', email: 'x@x.example', certifications: [{ productId: 'mysql', level: 'expert', validUntil: '2026-02-01T00:00:00Z' }] } });
    expect(expired.status).toBe(400);
    expect(expired.json.detail).toMatch(/already expired/);
    expect((await call(h, '/v1/admin/practitioners', { ...admin(h), body: { displayName: '\u202e\u0000', email: 'y@y.example' } })).status).toBe(400);
    await sendWebhook(h, paid({ orderId: ' ord\u202e-1 ' }));
    expect(await h.count('conversions', `order_id = 'ord-1'`)).toBe(1);
  });
});

describe('re-enrolment', () => {
  it('keeps the practitioner number and referral secret, rotates the token: codes made before leaving still count', async () => {
    const p = await enrol(h);
    const offline = await p.code();
    expect((await call(h, '/v1/enrolment', { method: 'DELETE', token: p.token })).status).toBe(204);
    const issued = await call(h, `/v1/admin/practitioners/${p.practitionerId}/enrolment-code`, { ...admin(h), method: 'POST' });
    expect(issued.status).toBe(201);
    const again = await enrolWith(h, issued.json.enrolmentCode);
    expect(again.number).toBe(p.number);
    expect(again.enrolment.referralSecret).toBe(p.enrolment.referralSecret);
    expect(again.token).not.toBe(p.token);
    expect((await call(h, '/v1/stats', { token: p.token })).status).toBe(401);
    const res = await call(h, '/v1/referrals', { token: again.token, body: { referrals: [referralItem(offline)] } });
    expect(res.json.results[0].status).toBe('accepted');
    expect((await click(h, offline)).location).toContain(`ref=${offline}`);
    expect(await h.count('clicks', `code = '${offline}'`)).toBe(1);
    // Referral secrets are sealed at rest: the database alone does not hold them.
    expect(await h.count('practitioners', `referral_secret like '%${p.enrolment.referralSecret}%'`)).toBe(0);
    expect(await h.count('practitioners', `referral_secret like 'sealed:v1:%'`)).toBe(1);
  });
});
