// Property-based bad input for every route: random JSON bodies and headers never cause a 5xx,
// always answer a problem document or a per-item result, and never leave half-written rows.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../src/endpoint/domain/webhook-signature';
import { call, enrol, paid, referralItem, startHarness, type Enrolled, type Harness } from './helpers';

let h: Harness;
let me: Enrolled;
const TABLES = ['practitioners', 'certifications', 'referrals', 'deals', 'ingest_results', 'clicks', 'webhooks', 'conversions', 'commissions'];
const RUNS = 40;

beforeAll(async () => {
  h = await startHarness();
  me = await enrol(h);
});
afterAll(() => h.close());

const snapshot = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await h.count(t)]))) as Record<string, number> & { referrals: number; webhooks: number };

/** A valid value with one member replaced by random JSON, or deleted, or an unknown member added. */
function mutated(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.record({ key: fc.constantFrom(...keys), value: fc.jsonValue() }).map(({ key, value }) => ({ ...valid, [key]: value })),
    fc.constantFrom(...keys).map((key) => {
      const copy = { ...valid };
      delete copy[key];
      return copy;
    }),
    fc.record({ key: fc.string(), value: fc.jsonValue() }).map(({ key, value }) => ({ ...valid, [key]: value })),
  );
}

const anyBody = (valid: Record<string, unknown>) => fc.oneof(fc.jsonValue(), mutated(valid));

function expectProblemOrOk(res: { status: number; headers: Headers; json: any; text: string }) {
  expect(res.status, res.text).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json.status).toBe(res.status);
    expect(typeof res.json.detail).toBe('string');
  }
}

describe('bad input never causes a 5xx or a half-written row', () => {
  it('POST /v1/enrol', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody({ code: 'ADV-0000-0000-0000-0000', client: { name: 'x', version: '1' } }), async (body) => {
        const before = await snapshot();
        const res = await call(h, '/v1/enrol', { body });
        expectProblemOrOk(res);
        expect(res.status).not.toBe(200);
        expect(await snapshot()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('POST /v1/referrals: whole batch or items', async () => {
    const code = await me.code();
    const validItem = referralItem(code);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anyBody({ referrals: [validItem] }), fc.array(mutated({ ...validItem, id: randomUUID() }), { minLength: 1, maxLength: 5 }).map((referrals) => ({ referrals }))),
        async (body) => {
          const before = await snapshot();
          const res = await call(h, '/v1/referrals', { token: me.token, body });
          expectProblemOrOk(res);
          const after = await snapshot();
          if (res.status !== 200) {
            expect(after).toEqual(before);
            return;
          }
          const accepted = res.json.results.filter((r: { status: string }) => r.status === 'accepted').length;
          // Every referral row has its stored answer; nothing else changed.
          expect(after.referrals - before.referrals).toBeLessThanOrEqual(accepted);
          expect(await h.count('referrals r', `not exists (select 1 from ingest_results i where i.kind = 'referral' and i.id = r.id)`)).toBe(0);
          expect({ ...after, referrals: 0, ingest_results: 0 }).toEqual({ ...before, referrals: 0, ingest_results: 0 });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('POST /v1/deals', async () => {
    const valid = { id: randomUUID(), vendorId: 'demo-db', productId: 'mysql', customerName: 'C', customerDomain: 'c.example.com', createdAt: '2026-03-01T00:00:00Z' };
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyBody({ deals: [valid] }), fc.array(mutated({ ...valid, id: randomUUID() }), { minLength: 1, maxLength: 5 }).map((deals) => ({ deals }))), async (body) => {
        const before = await snapshot();
        const res = await call(h, '/v1/deals', { token: me.token, body });
        expectProblemOrOk(res);
        if (res.status !== 200) expect(await snapshot()).toEqual(before);
        expect(await h.count('deals d', `not exists (select 1 from ingest_results i where i.kind = 'deal' and i.id = d.id)`)).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('POST /v1/webhooks/billing with a valid signature over random bodies', async () => {
    const valid = paid({ referralCode: await me.code() });
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyBody(valid), mutated(valid.data).map((data) => ({ type: 'order.paid', data }))), async (event) => {
        const before = await snapshot();
        const raw = JSON.stringify(event);
        const id = `msg_${randomUUID()}`;
        const ts = Math.floor(h.clock.now().getTime() / 1000);
        const res = await call(h, '/v1/webhooks/billing', { raw, headers: { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signWebhook(h.endpoint.webhookSecret, id, ts, raw) } });
        expectProblemOrOk(res);
        const after = await snapshot();
        if (res.status !== 200) expect(after).toEqual(before);
        else expect(after.webhooks).toBe(before.webhooks + 1);
        // Commissions never exist without their conversion.
        expect(await h.count('commissions c', 'not exists (select 1 from conversions v where v.id = c.conversion_id)')).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('POST /v1/webhooks/billing with random headers', async () => {
    const header = fc.oneof(fc.string(), fc.constant(undefined), fc.integer().map(String), fc.string().map((s) => `v1,${s}`));
    await fc.assert(
      fc.asyncProperty(header, header, header, fc.jsonValue(), async (id, ts, sig, body) => {
        const before = await snapshot();
        const headers: Record<string, string> = {};
        const clean = (s: string) => s.replace(/[^\x20-\x7e]/g, '');
        if (id !== undefined) headers['webhook-id'] = clean(id);
        if (ts !== undefined) headers['webhook-timestamp'] = clean(ts);
        if (sig !== undefined) headers['webhook-signature'] = clean(sig);
        const res = await call(h, '/v1/webhooks/billing', { raw: JSON.stringify(body) ?? 'null', headers });
        expectProblemOrOk(res);
        expect(res.status).not.toBe(200);
        expect(await snapshot()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('admin routes', async () => {
    const admin = h.endpoint.adminToken;
    const validPractitioner = { displayName: 'X', email: 'x@x.example.com', certifications: [{ productId: 'mysql', level: 'expert' }] };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/v1/admin/practitioners', '/v1/admin/commissions/approve', '/v1/admin/commissions/pay'), anyBody(validPractitioner), async (path, body) => {
        const before = await snapshot();
        const res = await call(h, path, { token: admin, body });
        expectProblemOrOk(res);
        if (res.status >= 400) expect(await snapshot()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('GET routes with random paths, codes, queries and headers', async () => {
    const segment = fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/r/', '/v1/catalog?', '/v1/stats?', '/v1/credentials/status?', '/v1/admin/dashboard?', '/v1/', '/dashboard/assets/'),
        segment,
        fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
        async (prefix, tail, headerValue, method) => {
          const before = await snapshot();
          const res = await call(h, prefix + tail, { method, headers: { authorization: headerValue, 'if-none-match': headerValue, origin: headerValue, 'user-agent': headerValue, 'sec-fetch-dest': 'document' } });
          expect(res.status).toBeLessThan(500);
          const after = await snapshot();
          // Only a valid code's click may add a row, and random strings are never valid codes.
          expect(after).toEqual(before);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });
});
