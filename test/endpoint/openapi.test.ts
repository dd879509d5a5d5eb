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
      { method: 'POST', path: '/v1/admin/commissions/pay', init: { token: admin, body: { ids: 'x' } } },
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
    expect([...seen].sort()).toEqual([200, 302, 400, 401, 404, 405]);
    // The shared valibot schemas agree with the document on the same bodies.
    expect(v.safeParse(StatsResponseSchema, stats.json).success).toBe(true);
    expect(v.safeParse(DashboardSchema, (await call(h, '/v1/admin/dashboard', { token: admin })).json).success).toBe(true);
    expect(v.safeParse(BatchResponseSchema, (await call(h, '/v1/referrals', { token: me.token, body: { referrals: [referralItem(await me.code())] } })).json).success).toBe(true);
  });
});
