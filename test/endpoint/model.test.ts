// A property test against a reference model: random sequences of enrolments, clicks (real and
// stuffed), referral syncs, deals, reviews, orders, refunds (before and after their orders),
// approvals, closed periods and payouts, with random time offsets (and time zones) and duplicate
// deliveries, run through the app and through a plain model of the rules in docs/protocol.md
// written here. Commission per order, attribution per order, and each practitioner's totals
// must agree after every sequence.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMAGE, NAVIGATION, admin, call, enrolWith, newPractitioner, sendWebhook, postgresCluster, startHarness, type Enrolled, type Harness } from './helpers';

// The rules are the database's to keep on either, but a sequence costs about three times the
// round trips on PostgreSQL (a server over TCP, not a file in-process): fewer there, 150 on SQLite.
export const SEQUENCES = Number(process.env.MODEL_SEQUENCES ?? (postgresCluster() ? 50 : 150));
const DAY = 86_400_000;
const WINDOW = 90 * DAY;
const PENDING_DEALS = 2;
const START = Date.parse('2026-03-01T10:00:00.000Z');

// ---- the model ------------------------------------------------------------------------------

/** Registrable domain of the test's customer domains; null: cannot be claimed (free mail). */
const REGISTRABLE: Record<string, string | null> = { 'acme.example': 'acme.example', 'bigco.example': 'bigco.example', 'sales.bigco.example': 'bigco.example', 'gmail.com': null };
const EMAIL_DOMAIN = ['acme.example', 'consult1.example', 'consult2.example'];

interface MClick { code: string; at: number; day: string; visitor: string }
interface MDeal { id: string; p: number; domain: string; received: number; expires: number; status: 'pending' | 'approved' | 'declined'; reviewed: number | null }
interface MRow { kind: 'order' | 'clawback'; orderId: string; p: number; gross: number; amount: number; state: string; self: boolean; statement: number | null; created: number }
interface MOrder { orderId: string; p: number | null; orderAmount: number; refunded: number }

class Model {
  now = START;
  clicks: MClick[] = [];
  deals: MDeal[] = [];
  dealAnswers = new Map<string, string>(); // final answers by item id
  referrals = new Map<string, number>(); // code -> practitioner (synced)
  orders = new Map<string, MOrder>();
  pendingRefunds = new Map<string, number>();
  rows: MRow[] = [];
  statements: { p: number; rows: MRow[]; paid: boolean }[] = [];
  webhooks = new Set<string>();
  codeOwner = new Map<string, number>();
  dealWins = 0;
  refundsAppliedLate = 0;

  click(code: string, visitor: string, navigation: boolean) {
    if (!navigation || !this.codeOwner.has(code)) return;
    const day = new Date(this.now).toISOString().slice(0, 10);
    if (this.clicks.some((c) => c.code === code && c.day === day && c.visitor === visitor)) return;
    this.clicks.push({ code, at: this.now, day, visitor });
  }

  sync(code: string, p: number) {
    if (!this.referrals.has(code) && this.codeOwner.get(code) === p) this.referrals.set(code, p);
  }

  deal(id: string, p: number, domain: string) {
    if (this.dealAnswers.has(id)) return;
    const registrable = REGISTRABLE[domain];
    if (!registrable) return void this.dealAnswers.set(id, 'refused');
    const live = (d: MDeal) => (d.status === 'pending' || d.status === 'approved') && d.expires > this.now;
    if (this.deals.some((d) => d.domain === registrable && live(d))) return; // held: retryable
    if (this.deals.filter((d) => d.p === p && d.status === 'pending' && d.expires > this.now).length >= PENDING_DEALS) return;
    this.deals.push({ id, p, domain: registrable, received: this.now, expires: this.now + WINDOW, status: 'pending', reviewed: null });
    this.dealAnswers.set(id, 'accepted');
  }

  review(id: string, approve: boolean) {
    const d = this.deals.find((x) => x.id === id);
    if (!d || d.status !== 'pending') return;
    if (approve && d.expires <= this.now) return;
    d.status = approve ? 'approved' : 'declined';
    d.reviewed = this.now;
  }

  order(o: { orderId: string; code: string | null; domain: string | null; amount: number; currency: string; occurred: number }, certifiedExpert: (p: number, t: number) => boolean) {
    if (this.orders.has(o.orderId)) return; // a known order id changes nothing, whatever else it says
    if (o.currency !== 'USD' || o.occurred > this.now + 5 * 60_000) return; // refused, nothing recorded
    const t = Math.min(o.occurred, this.now);
    const owner = o.code !== null ? this.codeOwner.get(o.code) : undefined;
    const click = owner === undefined ? undefined : this.clicks.filter((c) => c.code === o.code && c.at >= t - WINDOW && c.at <= t).sort((a, b) => b.at - a.at)[0];
    const registrable = o.domain ? REGISTRABLE[o.domain] : null;
    const deal = registrable
      ? this.deals.filter((d) => d.domain === registrable && d.status === 'approved' && d.received <= t && d.expires >= t && d.reviewed! <= t).sort((a, b) => a.received - b.received)[0]
      : undefined;
    let p: number | null = null;
    if (click && owner !== undefined) p = deal && deal.reviewed! < click.at ? deal.p : owner;
    else if (deal) p = deal.p;
    if (deal && p === deal.p) this.dealWins += 1;
    if (this.pendingRefunds.has(o.orderId)) this.refundsAppliedLate += 1;
    const refunded = Math.min(o.amount, this.pendingRefunds.get(o.orderId) ?? 0);
    this.pendingRefunds.delete(o.orderId);
    this.orders.set(o.orderId, { orderId: o.orderId, p, orderAmount: o.amount, refunded });
    if (p === null) return;
    const bonus = certifiedExpert(p, t) ? 1.25 : 1;
    const gross = Math.round(((o.amount * 15) / 100) * bonus); // postgresql-support: 15% recurring
    const self = o.domain !== null && (o.domain === EMAIL_DOMAIN[p] || o.domain.endsWith(`.${EMAIL_DOMAIN[p]}`));
    const amount = self ? 0 : left(gross, o.amount, refunded);
    this.rows.push({ kind: 'order', orderId: o.orderId, p, gross, amount, state: self || (amount === 0 && refunded > 0) ? 'reversed' : 'pending', self, statement: null, created: this.now });
  }

  refund(orderId: string, amount: number) {
    const order = this.orders.get(orderId);
    if (!order) return void this.pendingRefunds.set(orderId, (this.pendingRefunds.get(orderId) ?? 0) + amount);
    order.refunded = Math.min(order.orderAmount, order.refunded + amount);
    const row = this.rows.find((r) => r.kind === 'order' && r.orderId === orderId);
    if (!row || row.self) return;
    const target = left(row.gross, order.orderAmount, order.refunded);
    if (row.statement === null) {
      row.amount = target;
      if (target === 0) row.state = 'reversed';
      return;
    }
    const net = this.rows.filter((r) => r.orderId === orderId).reduce((s, r) => s + r.amount, 0);
    if (target - net < 0) this.rows.push({ kind: 'clawback', orderId, p: row.p, gross: 0, amount: target - net, state: 'approved', self: false, statement: null, created: this.now });
  }

  approve(orderId: string) {
    const row = this.rows.find((r) => r.kind === 'order' && r.orderId === orderId);
    if (row && row.state === 'pending' && !row.self) row.state = 'approved';
  }

  close() {
    const byP = new Map<number, MRow[]>();
    for (const r of this.rows) if (r.state === 'approved' && r.statement === null && r.created <= this.now) byP.set(r.p, [...(byP.get(r.p) ?? []), r]);
    for (const [p, rows] of byP) {
      if (rows.reduce((s, r) => s + r.amount, 0) <= 0) continue;
      this.statements.push({ p, rows, paid: false });
      for (const r of rows) r.statement = this.statements.length - 1;
    }
  }

  pay(index: number) {
    const s = this.statements[index]!;
    s.paid = true;
    for (const r of s.rows) r.state = 'paid';
  }

  totals(p: number) {
    const t = { pending: 0, approved: 0, paid: 0, reversed: 0 };
    for (const r of this.rows.filter((x) => x.p === p)) {
      if (r.kind === 'clawback') t.reversed -= r.amount;
      else {
        t.reversed += r.gross - r.amount;
        if (r.state === 'pending' || r.state === 'approved' || r.state === 'paid') t[r.state] += r.amount;
      }
    }
    return t;
  }
}

const left = (gross: number, amount: number, refunded: number) => Math.round((gross * Math.max(0, amount - refunded)) / amount);

/** An instant written with a time-zone offset (the billing system's local time). */
function withOffset(ms: number, minutes: number): string {
  const local = new Date(ms + minutes * 60_000).toISOString().slice(0, 23);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

// ---- the actions ----------------------------------------------------------------------------

const who = fc.integer({ min: 0, max: 2 });
const slot = fc.integer({ min: 0, max: 7 });
const codeSlot = fc.integer({ min: 0, max: 2 });
const orderSlot = fc.integer({ min: 0, max: 4 });
const domainArb = fc.constantFrom<string | null>('acme.example', 'bigco.example', 'sales.bigco.example', 'gmail.com', null);

type Action =
  | { k: 'advance'; ms: number }
  | { k: 'code'; p: number }
  | { k: 'sync'; code: number; twice: boolean }
  | { k: 'click'; code: number; visitor: number; navigation: boolean }
  | { k: 'deal'; p: number; domain: string; resend: number | null }
  | { k: 'review'; deal: number; approve: boolean }
  | { k: 'order'; order: number; code: number | null; domain: string | null; amount: number; currency: string; offsetMs: number; tz: number }
  | { k: 'purchase'; code: number; order: number; domain: string | null; amount: number }
  | { k: 'payday' }
  | { k: 'refund'; order: number; amount: number }
  | { k: 'resend'; webhook: number }
  | { k: 'approve'; order: number }
  | { k: 'close' }
  | { k: 'pay'; p: number }
  | { k: 'reenrol'; p: number };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('advance' as const), ms: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 120_000 }) }, { weight: 2, arbitrary: fc.integer({ min: 3_600_000, max: 3 * DAY }) }, { weight: 1, arbitrary: fc.integer({ min: 30 * DAY, max: 100 * DAY }) }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('code' as const), p: who }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('sync' as const), code: codeSlot, twice: fc.boolean() }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('click' as const), code: codeSlot, visitor: fc.integer({ min: 0, max: 2 }), navigation: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('deal' as const), p: who, domain: fc.constantFrom('acme.example', 'bigco.example', 'sales.bigco.example', 'gmail.com'), resend: fc.option(slot, { nil: null }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('review' as const), deal: slot, approve: fc.boolean() }) },
  {
    weight: 8,
    arbitrary: fc.record({
      k: fc.constant('order' as const),
      order: orderSlot,
      code: fc.option(codeSlot, { nil: null, freq: 6 }),
      domain: domainArb,
      amount: fc.integer({ min: 1, max: 500_000 }),
      currency: fc.constantFrom('USD', 'USD', 'USD', 'USD', 'USD', 'EUR'),
      offsetMs: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: -2 * DAY, max: 0 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 10 * 60_000 }) }),
      tz: fc.constantFrom(0, 60, -300, 330, 840, -720),
    }),
  },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('purchase' as const), code: codeSlot, order: orderSlot, domain: domainArb, amount: fc.integer({ min: 1, max: 500_000 }) }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('refund' as const), order: orderSlot, amount: fc.integer({ min: 1, max: 300_000 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('resend' as const), webhook: fc.nat({ max: 20 }) }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('approve' as const), order: orderSlot }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('close' as const) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('payday' as const) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('pay' as const), p: who }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('reenrol' as const), p: who }) },
);

// ---- running both ---------------------------------------------------------------------------

/** How many sequences reached each interesting state: proof the generator exercises the rules. */
const reached = { byCode: 0, byDeal: 0, selfReferral: 0, refundedBeforeOrder: 0, partlyRefunded: 0, clawback: 0, paidStatement: 0, unattributed: 0 };

async function run(actions: Action[]): Promise<void> {
  const h: Harness = await startHarness({ limits: { pendingDeals: PENDING_DEALS } });
  const model = new Model();
  try {
    const practitioners: Enrolled[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await newPractitioner(h, { email: `p${i}@${EMAIL_DOMAIN[i]}`, certifications: i === 1 ? [{ productId: 'postgresql', level: 'expert' }] : [] });
      ids.push(created.practitioner.id);
      practitioners.push(await enrolWith(h, created.enrolmentCode));
    }
    const certifiedExpert = (p: number, t: number) => p === 1 && t >= START && t < START + 2 * 365 * DAY;
    const codes: string[] = [];
    const dealItems: { id: string; p: number; body: unknown }[] = [];
    const orderIds = Array.from({ length: 5 }, () => `ord_${randomUUID()}`);
    const sent: Delivery[] = [];
    const pick = <T,>(list: T[], i: number) => (list.length === 0 ? undefined : list[i % list.length]);

    // A purchase is the common story: a person follows the link, and buys a second later.
    const expanded = actions.flatMap((a): Action[] =>
      a.k === 'purchase'
        ? [
            { k: 'click', code: a.code, visitor: 0, navigation: true },
            { k: 'advance', ms: 1000 },
            { k: 'order', order: a.order, code: a.code, domain: a.domain, amount: a.amount, currency: 'USD', offsetMs: 0, tz: 0 },
          ]
        : a.k === 'payday' // the vendor approves everything, closes the period and pays every statement
          ? [...[0, 1, 2, 3, 4].map((order): Action => ({ k: 'approve', order })), { k: 'close' }, ...[0, 1, 2].map((p): Action => ({ k: 'pay', p }))]
          : [a],
    );
    for (const a of expanded) {
      switch (a.k) {
        case 'purchase':
        case 'payday':
          break;
        case 'advance':
          h.clock.advance(a.ms);
          model.now += a.ms;
          break;
        case 'code': {
          const code = await practitioners[a.p]!.code();
          codes.push(code);
          model.codeOwner.set(code, a.p);
          break;
        }
        case 'sync': {
          const code = pick(codes, a.code);
          if (!code) break;
          const p = model.codeOwner.get(code)!;
          const body = { referrals: [{ id: `00000000-0000-4000-8000-${String(codes.indexOf(code)).padStart(12, '0')}`, code, vendorId: 'demo-db', productId: 'postgresql', offerId: 'postgresql-support', channel: 'other', createdAt: new Date(model.now).toISOString() }] };
          for (let i = 0; i < (a.twice ? 2 : 1); i++) await call(h, '/v1/referrals', { token: practitioners[p]!.token, body });
          model.sync(code, p);
          break;
        }
        case 'click': {
          const code = pick(codes, a.code);
          if (!code) break;
          await call(h, `/r/${code}`, { headers: { 'user-agent': `visitor-${a.visitor}`, ...(a.navigation ? NAVIGATION : IMAGE) } });
          model.click(code, `visitor-${a.visitor}`, a.navigation);
          break;
        }
        case 'deal': {
          const again = a.resend === null ? undefined : pick(dealItems, a.resend);
          const item = again ?? { id: randomUUID(), p: a.p, body: { id: '', vendorId: 'demo-db', productId: 'postgresql', customerName: 'Customer', customerDomain: a.domain, createdAt: new Date(model.now).toISOString() } };
          if (!again) {
            (item.body as { id: string }).id = item.id;
            dealItems.push(item);
          }
          await call(h, '/v1/deals', { token: practitioners[item.p]!.token, body: { deals: [item.body] } });
          model.deal(item.id, item.p, (item.body as { customerDomain: string }).customerDomain);
          break;
        }
        case 'review': {
          const item = pick(dealItems, a.deal);
          if (!item) break;
          await call(h, `/v1/admin/deals/${a.approve ? 'approve' : 'decline'}`, { ...admin(h), body: { ids: [item.id] } });
          model.review(item.id, a.approve);
          break;
        }
        case 'order': {
          const orderId = orderIds[a.order]!;
          const code = a.code === null ? null : (pick(codes, a.code) ?? null);
          const occurred = model.now + a.offsetMs;
          const data = { orderId, productId: 'postgresql', offerId: 'postgresql-support', amount: a.amount, currency: a.currency, occurredAt: withOffset(occurred, a.tz), ...(code ? { referralCode: code } : {}), ...(a.domain ? { customerDomain: a.domain } : {}) };
          const order = { orderId, code, domain: a.domain, amount: a.amount, currency: a.currency, occurred };
          const entry = { id: `msg_${randomUUID()}`, ts: Math.floor(model.now / 1000), event: { type: 'order.paid', data }, accepted: () => model.orders.has(orderId) || (a.currency === 'USD' && occurred <= model.now + 5 * 60_000), apply: () => model.order(order, certifiedExpert) };
          sent.push(entry);
          await deliver(h, model, entry);
          break;
        }
        case 'refund': {
          const orderId = orderIds[a.order]!;
          const entry = {
            id: `msg_${randomUUID()}`,
            ts: Math.floor(model.now / 1000),
            event: { type: 'order.refunded', data: { orderId, amount: a.amount, currency: 'USD', occurredAt: new Date(model.now).toISOString() } },
            accepted: () => true,
            apply: () => model.refund(orderId, a.amount),
          };
          sent.push(entry);
          await deliver(h, model, entry);
          break;
        }
        case 'resend': {
          const entry = pick(sent, a.webhook);
          if (entry) await deliver(h, model, entry);
          break;
        }
        case 'approve': {
          const orderId = orderIds[a.order]!;
          const row = ((await call(h, '/v1/admin/commissions', admin(h))).json.commissions as { id: string; orderId: string; kind: string }[]).find((c) => c.orderId === orderId && c.kind === 'order');
          if (row) await call(h, '/v1/admin/commissions/approve', { ...admin(h), body: { ids: [row.id] } });
          model.approve(orderId);
          break;
        }
        case 'close':
          expect((await call(h, '/v1/admin/payouts', { ...admin(h), body: {} })).status).toBe(201);
          model.close();
          break;
        case 'pay': {
          const entries = (await call(h, '/v1/admin/statements', admin(h))).json.statements as { statement: { id: string; practitionerId: string; lines: { orderId: string; kind: string }[] }; paidAt: string | null }[];
          const open = entries.find((e) => e.statement.practitionerId === ids[a.p] && e.paidAt === null);
          const mine = model.statements.map((s, i) => ({ s, i })).filter(({ s }) => s.p === a.p && !s.paid);
          expect(Boolean(open)).toBe(mine.length > 0);
          if (!open) break;
          const key = (lines: { orderId: string; kind: string }[]) => lines.map((l) => `${l.kind}:${l.orderId}`).sort().join(',');
          const match = mine.find(({ s }) => key(s.rows.map((r) => ({ orderId: r.orderId, kind: r.kind }))) === key(open.statement.lines));
          expect(match, 'the app issued a statement the model did not').toBeDefined();
          expect((await call(h, `/v1/admin/statements/${open.statement.id}/paid`, { ...admin(h), method: 'POST' })).status).toBe(200);
          model.pay(match!.i);
          break;
        }
        case 'reenrol': {
          const old = practitioners[a.p]!;
          await call(h, '/v1/enrolment', { method: 'DELETE', token: old.token });
          const issued = (await call(h, `/v1/admin/practitioners/${ids[a.p]}/enrolment-code`, { ...admin(h), method: 'POST' })).json;
          const again = await enrolWith(h, issued.enrolmentCode);
          expect(again.number).toBe(old.number);
          practitioners[a.p] = again;
          break;
        }
      }
    }

    const codeOrders = [...model.orders.values()].filter((o) => o.p !== null);
    if (model.rows.some((r) => r.kind === 'order' && !r.self)) reached.byCode += 1;
    if (model.rows.some((r) => r.self)) reached.selfReferral += 1;
    if (codeOrders.some((o) => o.refunded > 0 && o.refunded < o.orderAmount)) reached.partlyRefunded += 1;
    if (model.rows.some((r) => r.kind === 'clawback')) reached.clawback += 1;
    if (model.statements.some((st) => st.paid)) reached.paidStatement += 1;
    if ([...model.orders.values()].some((o) => o.p === null)) reached.unattributed += 1;
    if (model.dealWins > 0) reached.byDeal += 1;
    if (model.refundsAppliedLate > 0) reached.refundedBeforeOrder += 1;

    // Per order: who was credited, and the net commission.
    const conversions = await h.db.selectFrom('conversions').select(['order_id', 'practitioner_id', 'id']).execute();
    const rows = await h.db.selectFrom('commissions').select(['conversion_id', 'amount']).execute();
    for (const [orderId, order] of model.orders) {
      const c = conversions.find((x) => x.order_id === orderId);
      expect(c, `order ${orderId} recorded`).toBeDefined();
      expect(c!.practitioner_id, `order ${orderId} attributed`).toBe(order.p === null ? null : ids[order.p]);
      const net = rows.filter((r) => r.conversion_id === c!.id).reduce((s, r) => s + Number(r.amount), 0);
      expect(net, `order ${orderId} net commission`).toBe(model.rows.filter((r) => r.orderId === orderId).reduce((s, r) => s + r.amount, 0));
    }
    expect(conversions.length).toBe(model.orders.size);
    // Per practitioner: what they see.
    for (let p = 0; p < 3; p++) {
      const stats = (await call(h, '/v1/stats', { token: practitioners[p]!.token })).json;
      expect(stats.totals.commission, `practitioner ${p} totals`).toEqual(model.totals(p));
      expect(stats.totals.clicks, `practitioner ${p} clicks`).toBe(model.clicks.filter((c) => model.codeOwner.get(c.code) === p).length);
      expect(stats.totals.referrals, `practitioner ${p} referrals`).toBe([...model.referrals.values()].filter((x) => x === p).length);
      const statements = (await call(h, '/v1/statements', { token: practitioners[p]!.token })).json.statements as { statement: { total: number }; paidAt: string | null }[];
      expect(statements.map((e) => e.statement.total).sort(), `practitioner ${p} statements`).toEqual(
        model.statements.filter((s) => s.p === p).map((s) => s.rows.reduce((sum, r) => sum + r.amount, 0)).sort(),
      );
    }
  } finally {
    await h.close();
  }
}

interface Delivery {
  id: string;
  ts: number;
  event: unknown;
  /** Whether the endpoint must take it (200) rather than refuse it (422, nothing recorded). */
  accepted(): boolean;
  apply(): void;
}

/** Sends a webhook as signed at its first sending: a resend after 5 minutes fails the tolerance, and a resent id is applied once. */
async function deliver(h: Harness, model: Model, entry: Delivery): Promise<void> {
  const res = await sendWebhook(h, entry.event, { id: entry.id, timestamp: entry.ts });
  if (Math.abs(model.now / 1000 - entry.ts) > 300) {
    expect(res.status).toBe(401);
    return;
  }
  if (model.webhooks.has(entry.id)) {
    expect(res.json?.duplicate).toBe(true);
    return;
  }
  const accepted = entry.accepted();
  expect(res.status, `${JSON.stringify(entry.event)} -> ${res.text}`).toBe(accepted ? 200 : 422);
  if (!accepted) return;
  model.webhooks.add(entry.id);
  entry.apply();
}

describe('the app agrees with a reference model of the money rules', () => {
  it(`over ${SEQUENCES} random sequences of events`, async () => {
    // PostgreSQL runs fewer sequences (each costs more there): a fixed seed known to reach every state
    // keeps the coverage check below meaningful; SQLite explores new sequences on every run.
    const seed = postgresCluster() && !process.env.MODEL_SEQUENCES ? { seed: 20261202 } : {};
    await fc.assert(fc.asyncProperty(fc.array(actionArb, { minLength: 20, maxLength: 60 }), run), { numRuns: SEQUENCES, ...seed });
    console.log(`model: ${SEQUENCES} sequences; reached ${JSON.stringify(reached)}`);
    for (const [state, sequences] of Object.entries(reached)) expect(sequences, `no sequence reached ${state}`).toBeGreaterThan(0);
  }, 300_000);
});
