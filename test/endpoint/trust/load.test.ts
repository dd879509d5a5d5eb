// Trust: a load test on loopback. A few thousand concurrent requests over real sockets, mixing
// valid traffic (clicks, uploads, webhooks, stats) with invalid and hostile input (forged codes,
// bad signatures, replays, malformed and oversized bodies, bad tokens, unknown routes). After it
// the server still answers, nothing failed inside it, and the database is consistent: totals
// recomputed from raw rows equal what the endpoint serves and what the load itself expected.
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralCode, normaliseReferralCode, randomNonce } from '../../../src/core/referral/code';
import { signWebhook } from '../../../src/endpoint/domain/webhook-signature';
import { dealItem, enrol, IMAGE, NAVIGATION, paid, referralItem, refunded, startHarness, type Enrolled, type Harness } from '../helpers';

const PRACTITIONERS = 6;
const CODES_EACH = 15;
const CONCURRENCY = 24;

interface Sent {
  kind: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** A network error is expected (the server closes a connection that sends an oversized body). */
  mayReset?: boolean;
}
interface Got {
  status: number;
  body: string;
}

let h: Harness;
let base: string;
let people: Enrolled[];
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function send(req: Sent): Promise<Got> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, ...(req.body !== undefined ? { 'content-length': String(Buffer.byteLength(req.body)) } : {}) };
    const r = httpRequest({ host: url.hostname, port: url.port, path: req.path, method: req.method, headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    r.on('error', reject);
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

beforeAll(async () => {
  h = await startHarness({ limits: { pendingDeals: 1000 } });
  base = await h.listen();
  people = [];
  for (let i = 0; i < PRACTITIONERS; i++) people.push(await enrol(h, { displayName: `Load ${i}`, email: `load${i}@practice.example` }));
});
afterAll(async () => {
  agent.destroy();
  await h.close();
});

const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;
const json = (token: string | undefined, body: unknown): Pick<Sent, 'headers' | 'body'> => ({
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

function webhook(event: unknown, id = `msg_${randomUUID()}`, secret = h.endpoint.webhookSecret): Sent {
  const raw = JSON.stringify(event);
  const ts = Math.floor(h.clock.now().getTime() / 1000);
  return { kind: 'webhook', method: 'POST', path: '/v1/webhooks/billing', headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signWebhook(secret, id, ts, raw) }, body: raw };
}

describe('load on loopback', () => {
  it('a few thousand mixed, invalid and hostile requests leave the database consistent and the server answering', async () => {
    const codes = await Promise.all(people.map(async (p) => Promise.all(Array.from({ length: CODES_EACH }, () => p.code()))));
    const wrongSecret = crypto.getRandomValues(new Uint8Array(32));
    const forged = await Promise.all(Array.from({ length: 50 }, (_, i) => createReferralCode({ practitionerNumber: pick(people, i).number, nonce: randomNonce() }, wrongSecret)));
    const expected = { clicks: new Set<string>(), referrals: new Set<string>(), orders: new Set<string>(), webhooks: new Set<string>(), deals: new Set<string>() };
    const requests: Sent[] = [];
    const referralItems = people.map((p, i) => codes[i]!.map((code, j) => referralItem(code, { offerId: j % 3 === 0 ? 'postgresql-support' : 'mysql-enterprise', productId: j % 3 === 0 ? 'postgresql' : 'mysql' })));

    for (let i = 0; i < 800; i++) {
      const who = i % PRACTITIONERS;
      const code = pick(codes[who]!, i * 7);
      const visitor = `visitor-${i % 37}`;
      expected.clicks.add(`${normaliseReferralCode(code)} ${visitor}`);
      requests.push({ kind: 'click', method: 'GET', path: `/r/${code}`, headers: { ...NAVIGATION, 'user-agent': visitor } });
    }
    for (let i = 0; i < 150; i++) requests.push({ kind: 'image or prefetch', method: 'GET', path: `/r/${pick(codes[i % PRACTITIONERS]!, i)}`, headers: i % 2 ? IMAGE : { ...NAVIGATION, 'sec-purpose': 'prefetch' } });
    for (let i = 0; i < 200; i++) requests.push({ kind: 'forged click', method: 'GET', path: `/r/${pick(forged, i)}${i % 3 ? '' : '?o=https://evil.example/'}`, headers: NAVIGATION });
    for (let i = 0; i < 180; i++) {
      const who = i % PRACTITIONERS;
      const items = Array.from({ length: 1 + (i % 8) }, (_, j) => pick(referralItems[who]!, Math.floor(i / PRACTITIONERS) + j));
      for (const item of items) expected.referrals.add(item.id);
      const bad = [referralItem(pick(codes[(who + 1) % PRACTITIONERS]!, i)), referralItem(pick(codes[who]!, i), { offerId: 'no-such-offer' }), { id: 'not-a-uuid' }, referralItem(pick(forged, i))];
      requests.push({ kind: 'referral upload', method: 'POST', path: '/v1/referrals', ...json(people[who]!.token, { referrals: [...items, pick(bad, i)] }) });
    }
    for (let i = 0; i < 120; i++) {
      const deal = dealItem({ customerDomain: `customer-${i}.example`, customerName: `Customer ${i}` });
      expected.deals.add(deal.id);
      requests.push({ kind: 'deal upload', method: 'POST', path: '/v1/deals', ...json(pick(people, i).token, { deals: [deal] }) });
    }
    const orders: { orderId: string; amount: number }[] = [];
    for (let i = 0; i < 320; i++) {
      const event = paid({ referralCode: pick(codes[i % PRACTITIONERS]!, i * 5), customerDomain: `buyer-${i}.example`, amount: 10_000 + (i % 7) * 1000 });
      const w = webhook(event);
      expected.orders.add(event.data.orderId as string);
      expected.webhooks.add(w.headers!['webhook-id']!);
      orders.push({ orderId: event.data.orderId as string, amount: event.data.amount as number });
      requests.push(w);
      if (i % 10 === 0) requests.push({ ...w, kind: 'webhook replay' });
    }
    for (let i = 0; i < 60; i++) {
      const order = pick(orders, i * 11);
      const w = webhook(refunded(order.orderId, Math.floor(order.amount / 4)));
      expected.webhooks.add(w.headers!['webhook-id']!);
      requests.push({ ...w, kind: 'refund' });
    }
    for (let i = 0; i < 100; i++) requests.push({ ...webhook(paid({}), undefined, `whsec_${Buffer.from(`wrong ${i}`).toString('base64')}`), kind: 'forged webhook' });
    for (let i = 0; i < 240; i++) requests.push({ kind: 'stats read', method: 'GET', path: i % 4 ? '/v1/stats' : '/v1/statements', headers: { authorization: `Bearer ${pick(people, i).token}` } });
    for (let i = 0; i < 60; i++) requests.push({ kind: 'catalog read', method: 'GET', path: i % 2 ? '/v1/catalog' : '/v1/vendor' });
    const hostile: Sent[] = [
      { kind: 'malformed json', method: 'POST', path: '/v1/referrals', headers: { 'content-type': 'application/json', authorization: `Bearer ${people[0]!.token}` }, body: '{"referrals": [' },
      { kind: 'wrong content type', method: 'POST', path: '/v1/deals', headers: { 'content-type': 'text/plain', authorization: `Bearer ${people[1]!.token}` }, body: 'deals' },
      { kind: 'oversized body', method: 'POST', path: '/v1/referrals', headers: { 'content-type': 'application/json', authorization: `Bearer ${people[2]!.token}` }, body: JSON.stringify({ referrals: [], pad: 'x'.repeat(300 * 1024) }), mayReset: true },
      { kind: 'bad token', method: 'GET', path: '/v1/stats', headers: { authorization: 'Bearer adv_guess' } },
      { kind: 'admin without token', method: 'GET', path: '/v1/admin/dashboard' },
      { kind: 'admin with a practitioner token', method: 'POST', path: '/v1/admin/payouts', ...json(people[3]!.token, {}) },
      { kind: 'unknown route', method: 'GET', path: `/v1/${'x'.repeat(2000)}` },
      { kind: 'wrong method', method: 'PUT', path: '/v1/referrals', ...json(people[4]!.token, {}) },
      { kind: 'prototype keys', method: 'POST', path: '/v1/referrals', headers: { 'content-type': 'application/json', authorization: `Bearer ${people[5]!.token}` }, body: '{"referrals":[{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}]}' },
      { kind: 'deep nesting', method: 'POST', path: '/v1/deals', headers: { 'content-type': 'application/json', authorization: `Bearer ${people[0]!.token}` }, body: `{"deals":${'['.repeat(5000)}${']'.repeat(5000)}}` },
      { kind: 'huge array', method: 'POST', path: '/v1/referrals', ...json(people[1]!.token, { referrals: Array(5000).fill(0) }) },
    ];
    for (let i = 0; i < 200; i++) requests.push(pick(hostile, i));

    // Shuffled deterministically, then sent by CONCURRENCY workers.
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = requests.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [requests[i], requests[j]] = [requests[j]!, requests[i]!];
    }
    const byKind = new Map<string, Map<string, number>>();
    const note = (kind: string, outcome: string) => {
      const m = byKind.get(kind) ?? new Map<string, number>();
      m.set(outcome, (m.get(outcome) ?? 0) + 1);
      byKind.set(kind, m);
    };
    const failures: string[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const req = requests[next++]!;
          try {
            const res = await send(req);
            const slug = res.status >= 400 ? (/"type":"[^"]*\/([a-z-]+)"/.exec(res.body)?.[1] ?? '') : '';
            note(req.kind, `${res.status}${slug ? ` ${slug}` : ''}`);
            if (res.status >= 500) failures.push(`${req.kind}: ${res.status} ${res.body.slice(0, 200)}`);
          } catch (error) {
            note(req.kind, `network error ${(error as NodeJS.ErrnoException).code ?? ''}`);
            if (!req.mayReset) failures.push(`${req.kind}: ${String(error)}`);
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`load: ${requests.length} requests sent over ${CONCURRENCY} connections in ${seconds.toFixed(2)} s (${Math.round(requests.length / seconds)}/s); answers by kind:`);
    for (const [kind, outcomes] of [...byKind].sort()) console.log(`  ${kind}: ${[...outcomes].map(([o, n]) => `${o} ×${n}`).join(', ')}`);
    expect(failures).toEqual([]);
    expect(requests.length).toBeGreaterThan(2000);
    expect(h.logged).toEqual([]); // nothing failed inside the endpoint

    // The server still answers, and a new click still counts (positive control).
    const after = await send({ kind: 'control', method: 'GET', path: '/healthz' });
    expect(after.status).toBe(200);

    // Consistency: raw rows, what the endpoint serves, and what the load expected.
    const one = h.one;
    {
      const problems: string[] = [];
      const same = (what: string, ...values: number[]) => {
        if (new Set(values).size !== 1) problems.push(`${what}: ${values.join(' vs ')}`);
      };
      same('clicks (rows, expected distinct code × visitor)', await one('select count(*) from clicks'), expected.clicks.size);
      same('clicks of forged codes', await one(`select count(*) from clicks where code in (${forged.map(() => '?').join(',')})`, ...forged.map((c) => normaliseReferralCode(c))), 0);
      same('referrals (rows, accepted ids sent)', await one('select count(*) from referrals'), expected.referrals.size);
      same('stored ingest answers for accepted referrals', await one(`select count(*) from ingest_results where kind = 'referral' and result_json like '%"accepted"%'`), expected.referrals.size);
      same('deals (rows, ids sent)', await one('select count(*) from deals'), expected.deals.size);
      same('conversions (rows, distinct orders)', await one('select count(*) from conversions'), expected.orders.size);
      same('webhooks applied (rows, distinct genuine ids)', await one('select count(*) from webhooks'), expected.webhooks.size);
      same('order commissions per conversion (at most one)', await one(`select coalesce(max(n), 1) from (select count(*) as n from commissions where kind = 'order' group by conversion_id) as per_conversion`), 1);
      same('order commissions with amount outside 0…gross', await one(`select count(*) from commissions where kind = 'order' and (amount < 0 or amount > gross)`), 0);
      same('refunds beyond their order', await one(`select count(*) from conversions c where (select coalesce(sum(amount), 0) from refunds r where r.order_id = c.order_id) > c.amount`), 0);
      let servedClicks = 0;
      for (const p of people) {
        const stats = JSON.parse((await send({ kind: 'control', method: 'GET', path: '/v1/stats', headers: { authorization: `Bearer ${p.token}` } })).body);
        servedClicks += stats.totals.clicks;
        same(`${p.practitionerId} clicks (served, rows)`, stats.totals.clicks, await one('select count(*) from clicks where practitioner_id = ?', p.practitionerId));
        same(`${p.practitionerId} referrals (served, rows)`, stats.totals.referrals, await one('select count(*) from referrals where practitioner_id = ?', p.practitionerId));
        same(`${p.practitionerId} conversions (served, rows)`, stats.totals.conversions, await one('select count(*) from conversions where practitioner_id = ?', p.practitionerId));
        same(`${p.practitionerId} per-referral clicks add up`, stats.referrals.reduce((n: number, r: { clicks: number }) => n + r.clicks, 0), await one('select count(*) from clicks c join referrals r on r.code = c.code where c.practitioner_id = ?', p.practitionerId));
        for (const state of ['pending', 'approved', 'paid'] as const) {
          same(`${p.practitionerId} ${state} commission (served, rows)`, stats.totals.commission[state], await one(`select coalesce(sum(amount), 0) from commissions where practitioner_id = ? and kind = 'order' and state = ?`, p.practitionerId, state));
        }
        same(`${p.practitionerId} reversed commission (served, rows)`, stats.totals.commission.reversed, await one(`select coalesce(sum(case when kind = 'clawback' then -amount else gross - amount end), 0) from commissions where practitioner_id = ?`, p.practitionerId));
      }
      same('clicks served in total, rows', servedClicks, await one('select count(*) from clicks'));
      const dashboard = JSON.parse((await send({ kind: 'control', method: 'GET', path: '/v1/admin/dashboard', headers: { authorization: `Bearer ${h.endpoint.adminToken}` } })).body);
      same('dashboard pending commission, rows', dashboard.commission.pending, await one(`select coalesce(sum(amount), 0) from commissions where kind = 'order' and state = 'pending'`));
      console.log(
        `load consistency: ${await one('select count(*) from clicks')} clicks, ${await one('select count(*) from referrals')} referrals, ${await one('select count(*) from deals')} deals, ${await one('select count(*) from conversions')} conversions, ${await one('select count(*) from commissions')} commissions, ${await one('select count(*) from refunds')} refunds — recomputed from raw rows = served = expected; violations found: ${problems.length}`,
      );
      expect(problems).toEqual([]);
      expect(await one('select count(*) from clicks')).toBeGreaterThan(100);
      expect(await await one('select count(*) from commissions')).toBeGreaterThan(10);
    }
  }, 120_000);
});
