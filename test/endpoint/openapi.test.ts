import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { BatchResponseSchema, DashboardSchema, StatsResponseSchema } from '../../src/core/protocol';
import { call, click, enrol, paid, referralItem, sendWebhook, startHarness, type Enrolled, type Harness } from './helpers';
import { check, checkExchange, openapi } from './openapi-check';

let h: Harness;
let me: Enrolled;
beforeAll(async () => {
  h = await startHarness();
  me = await enrol(h, { certifications: [{ productId: 'mysql', level: 'professional' }] });
});
afterAll(() => h.close());

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and every $ref resolves', () => {
    expect(openapi.openapi).toBe('3.1.0');
    const refs = JSON.stringify(openapi).match(/"\$ref":\s*"[^"]+"/g) ?? [];
    for (const ref of refs) expect(() => check({ $ref: JSON.parse(`{${ref}}`).$ref }, {})).not.toThrow();
  });

  it('the checker itself catches wrong bodies', () => {
    expect(check({ $ref: '#/components/schemas/ItemResult' }, { id: 'x', status: 'maybe' })).toHaveLength(1);
    expect(check({ $ref: '#/components/schemas/Stats' }, {})).not.toHaveLength(0);
  });

  it('describes what the server actually answers, route by route', async () => {
    const code = await me.code();
    const admin = h.endpoint.adminToken;
    const exchanges: { method: string; path: string; init?: Parameters<typeof call>[2] }[] = [
      { method: 'GET', path: '/healthz' },
      { method: 'GET', path: '/v1/vendor' },
      { method: 'GET', path: '/v1/catalog' },
      { method: 'GET', path: '/v1/credentials/status' },
      { method: 'GET', path: '/.well-known/did.json' },
      { method: 'GET', path: '/v1/credentials/status-list' },
      { method: 'GET', path: `/v1/credentials/${encodeURIComponent(me.enrolment.credentials[0]!.id)}` },
      { method: 'GET', path: '/v1/credentials/urn:uuid:00000000-0000-4000-8000-000000000000' },
      { method: 'POST', path: '/v1/enrol', init: { body: { code: 'ADV-WRONG' } } },
      { method: 'POST', path: '/v1/enrol', init: { body: { code: (await call(h, '/v1/admin/practitioners', { token: admin, body: { displayName: 'Oa', email: 'oa@oa.example.com', certifications: [{ productId: 'redis', level: 'expert' }] } })).json.enrolmentCode } } },
      { method: 'POST', path: '/v1/enrol', init: { raw: '{' } },
      { method: 'POST', path: '/v1/referrals', init: { token: me.token, body: { referrals: [referralItem(code), referralItem('bad')] } } },
      { method: 'POST', path: '/v1/referrals', init: { token: me.token, body: { referrals: [] } } },
      { method: 'POST', path: '/v1/referrals', init: { body: { referrals: [] } } },
      { method: 'POST', path: '/v1/deals', init: { token: me.token, body: { deals: [{ id: randomUUID(), vendorId: 'demo-db', productId: 'mysql', customerName: 'C', customerDomain: 'c.example.com', createdAt: h.clock.now().toISOString() }] } } },
      { method: 'GET', path: `/r/${code}` },
      { method: 'GET', path: '/r/forged' },
      { method: 'POST', path: '/v1/admin/commissions/approve', init: { token: admin, body: { ids: [randomUUID()] } } },
      { method: 'POST', path: '/v1/admin/deals/approve', init: { token: admin, body: { ids: 'x' } } },
      { method: 'POST', path: '/v1/admin/practitioners', init: { token: admin, body: { displayName: 'Twin', email: 'oa@oa.example.com' } } },
      { method: 'POST', path: `/v1/admin/practitioners/${me.practitionerId}/enrolment-code`, init: { token: admin } },
      { method: 'POST', path: '/v1/admin/practitioners/nobody/enrolment-code', init: { token: admin } },
      { method: 'GET', path: '/v1/admin/deals', init: { token: admin } },
      { method: 'GET', path: '/v1/statements/nope', init: { token: me.token } },
      { method: 'POST', path: '/v1/admin/statements/nope/paid', init: { token: admin } },
      { method: 'GET', path: '/v1/admin/dashboard', init: { token: admin } },
      { method: 'GET', path: '/v1/admin/commissions.csv', init: { token: admin } },
      { method: 'POST', path: '/v1/admin/credentials/urn:uuid:x/revoke', init: { token: admin } },
      { method: 'GET', path: '/v1/admin/dashboard', init: { token: 'wrong' } },
      { method: 'GET', path: '/nowhere' },
      { method: 'DELETE', path: '/v1/catalog' },
    ];
    const errors: string[] = [];
    const seen = new Set<number>();
    for (const x of exchanges) {
      const res = await call(h, x.path, { method: x.method, ...x.init });
      seen.add(res.status);
      errors.push(...checkExchange(x.method, x.path, res.status, res.headers.get('content-type'), res.json, res.headers));
    }
    await click(h, code);
    const hook = await sendWebhook(h, paid({ referralCode: code }));
    errors.push(...checkExchange('POST', '/v1/webhooks/billing', hook.status, hook.headers.get('content-type'), hook.json, hook.headers));
    const badHook = await sendWebhook(h, paid({}), { signature: 'v1,xx' });
    errors.push(...checkExchange('POST', '/v1/webhooks/billing', badHook.status, badHook.headers.get('content-type'), badHook.json, badHook.headers));
    const euro = await sendWebhook(h, paid({ referralCode: code, currency: 'EUR' }));
    errors.push(...checkExchange('POST', '/v1/webhooks/billing', euro.status, euro.headers.get('content-type'), euro.json, euro.headers));
    const deal = (await call(h, '/v1/admin/deals', { token: admin })).json.deals[0];
    for (const verb of ['approve', 'decline']) {
      const r = await call(h, `/v1/admin/deals/${verb}`, { token: admin, body: { ids: [deal.id] } });
      errors.push(...checkExchange('POST', `/v1/admin/deals/${verb}`, r.status, r.headers.get('content-type'), r.json, r.headers));
    }
    const commissionId = (await call(h, '/v1/admin/commissions', { token: admin })).json.commissions[0].id;
    await call(h, '/v1/admin/commissions/approve', { token: admin, body: { ids: [commissionId] } });
    const closed = await call(h, '/v1/admin/payouts', { token: admin, body: {} });
    errors.push(...checkExchange('POST', '/v1/admin/payouts', closed.status, closed.headers.get('content-type'), closed.json, closed.headers));
    const statementId = closed.json.statements[0].statement.id;
    for (const [method, path, token] of [
      ['GET', '/v1/statements', me.token],
      ['GET', `/v1/statements/${statementId}`, me.token],
      ['GET', `/v1/statements/${statementId}/csv`, me.token],
      ['GET', '/v1/admin/statements', admin],
      ['GET', `/v1/admin/statements/${statementId}`, admin],
      ['GET', `/v1/admin/statements/${statementId}/csv`, admin],
      ['POST', `/v1/admin/statements/${statementId}/paid`, admin],
      ['POST', `/v1/admin/statements/${statementId}/paid`, admin],
    ] as const) {
      const r = await call(h, path, { method, token });
      seen.add(r.status);
      errors.push(...checkExchange(method, path, r.status, r.headers.get('content-type'), r.json, r.headers));
    }
    const lists = await call(h, '/v1/admin/commissions', { token: admin });
    errors.push(...checkExchange('GET', '/v1/admin/commissions', lists.status, lists.headers.get('content-type'), lists.json, lists.headers));
    const stats = await call(h, '/v1/stats', { token: me.token });
    errors.push(...checkExchange('GET', '/v1/stats', stats.status, stats.headers.get('content-type'), stats.json, stats.headers));
    const etag = (await call(h, '/v1/catalog')).headers.get('etag')!;
    const notModified = await call(h, '/v1/catalog', { headers: { 'if-none-match': etag } });
    errors.push(...checkExchange('GET', '/v1/catalog', notModified.status, null, undefined, notModified.headers));
    const leave = await call(h, '/v1/enrolment', { method: 'DELETE', token: (await enrol(h)).token });
    errors.push(...checkExchange('DELETE', '/v1/enrolment', leave.status, null, undefined, leave.headers));
    expect(errors).toEqual([]);
    expect([...seen].sort()).toEqual([200, 201, 302, 400, 401, 404, 405, 409]);
    expect(euro.status).toBe(422);
    // The shared valibot schemas agree with the document on the same bodies.
    expect(v.safeParse(StatsResponseSchema, stats.json).success).toBe(true);
    expect(v.safeParse(DashboardSchema, (await call(h, '/v1/admin/dashboard', { token: admin })).json).success).toBe(true);
    expect(v.safeParse(BatchResponseSchema, (await call(h, '/v1/referrals', { token: me.token, body: { referrals: [referralItem(await me.code())] } })).json).success).toBe(true);
  });
});
