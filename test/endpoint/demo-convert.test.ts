import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referralCodeOf, signedOrderPaid } from '../../scripts/demo-convert';
import { call, click, enrol, referralItem, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('npm run demo:convert', () => {
  it('reads the code from a redirect link, an offer link or the code itself, and refuses anything else', () => {
    const code = '7k3m9q2x8d4f6h1j5n0p2r4t';
    expect(referralCodeOf(`http://127.0.0.1:8787/r/${code}?o=mysql-enterprise`)).toBe(code);
    expect(referralCodeOf(`https://www.mysql.com/products/enterprise/?ref=${code}&utm_source=advocate`)).toBe(code);
    expect(referralCodeOf(`  ${code.toUpperCase()} `)).toBe(code);
    expect(() => referralCodeOf('<script>')).toThrow(/neither a referral link nor a referral code/);
    expect(() => referralCodeOf('http://127.0.0.1:8787/r/ABCD1234EFGH?o=mysql-enterprise')).toThrow(/neither a referral link/); // too short to be a code
    expect(() => signedOrderPaid('whsec_eA==', { referralCode: 'X', amount: -1, productId: 'mysql', offerId: 'mysql-enterprise', at: new Date() })).toThrow(/positive number/);
  });

  it('posts an order the endpoint accepts and attributes to the clicked referral', async () => {
    const p = await enrol(h);
    const code = await p.code();
    await call(h, '/v1/referrals', { token: p.token, body: { referrals: [referralItem(code)] } });
    await click(h, code);
    h.clock.advance(1000);
    const delivery = signedOrderPaid(h.endpoint.webhookSecret, { referralCode: code, amount: 1000, productId: 'mysql', offerId: 'mysql-enterprise', at: h.clock.now() });
    const res = await call(h, '/v1/webhooks/billing', { raw: delivery.body, headers: delivery.headers });
    expect(res.status).toBe(200);
    const stats = (await call(h, '/v1/stats', { token: p.token })).json;
    expect(stats.referrals[0]).toMatchObject({ code, clicks: 1, conversions: 1 });
  });
});
