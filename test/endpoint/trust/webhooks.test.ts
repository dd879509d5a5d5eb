// Trust: billing webhooks under attack, beyond test/endpoint/webhooks.test.ts (which covers a bad
// signature, a wrong secret, ±301 s, a plain replay, all headers missing and a rotated secret's
// list). Here: a body changed under its genuine signature, each header missing or empty on its
// own, the exact tolerance edge, a signature for another id or time, a replayed id carrying
// another (validly signed) order, concurrent duplicate deliveries, a forged delivery that must
// not burn the genuine id, a valid signature first or second or fiftieth in the list, other
// versions. Each is rejected, or processed exactly once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../../src/endpoint/domain/webhook-signature';
import { call, click, enrol, paid, referralItem, sendWebhook, startHarness, type Answer, type Harness } from '../helpers';

let h: Harness;
let code: string;
let deliveries = 0;
const tally = { rejected: 0, processed: 0, duplicates: 0, violations: 0 };

beforeAll(async () => {
  h = await startHarness();
  const p = await enrol(h);
  code = await p.code();
  await call(h, '/v1/referrals', { token: p.token, body: { referrals: [referralItem(code)] } });
  await click(h, code);
});
afterAll(async () => {
  console.log(`webhooks: ${deliveries} hostile or repeated deliveries, ${tally.rejected} rejected, ${tally.processed} processed once, ${tally.duplicates} answered as duplicates; violations found: ${tally.violations}`);
  await h.close();
});

const now = () => Math.floor(h.clock.now().getTime() / 1000);
const state = async () => ({ webhooks: await h.count('webhooks'), conversions: await h.count('conversions'), commissions: await h.count('commissions') });

/** One delivery with exactly these headers (undefined: left out). */
async function deliver(raw: string, headers: Record<string, string | undefined>): Promise<Answer> {
  deliveries++;
  const sent = Object.fromEntries(Object.entries({ 'content-type': 'application/json', ...headers }).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return call(h, '/v1/webhooks/billing', { raw, headers: sent });
}

/** Sends, then checks it was refused with `status` and `slug` and that nothing was stored. */
async function expectRejected(answer: Promise<Answer>, status: number, slug: RegExp) {
  const before = await state();
  const res = await answer;
  const ok = res.status === status && slug.test(res.json?.type ?? '') && JSON.stringify(await state()) === JSON.stringify(before);
  if (ok) tally.rejected++;
  else tally.violations++;
  expect({ status: res.status, type: res.json?.type, state: (await state()) }).toEqual({ status, type: expect.stringMatching(slug), state: before });
}

function signed(event: unknown, opts: { id?: string; timestamp?: number } = {}) {
  const raw = JSON.stringify(event);
  const id = opts.id ?? `msg_${randomUUID()}`;
  const timestamp = opts.timestamp ?? now();
  return { raw, id, timestamp, signature: signWebhook(h.endpoint.webhookSecret, id, timestamp, raw) };
}
const headersOf = (s: ReturnType<typeof signed>, over: Record<string, string | undefined> = {}) => ({ 'webhook-id': s.id, 'webhook-timestamp': String(s.timestamp), 'webhook-signature': s.signature, ...over });

describe('billing webhooks under attack', () => {
  it('refuses a body changed under its genuine signature (amount, code, one byte, whitespace)', async () => {
    const s = signed(paid({ referralCode: code, amount: 1000 }));
    const variants = [s.raw.replace('"amount":1000', '"amount":9000000'), s.raw.replace(code, code.toUpperCase()), `${s.raw} `, s.raw.replace('{', '{ '), s.raw.slice(0, -1) + ',"extra":1}'];
    for (const raw of variants) await expectRejected(deliver(raw, headersOf(s)), 401, /webhook-signature-invalid$/);
  });

  it('refuses each required header missing or empty on its own', async () => {
    const s = signed(paid({ referralCode: code }));
    for (const header of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      await expectRejected(deliver(s.raw, headersOf(s, { [header]: undefined })), 400, /webhook-headers-missing$/);
      await expectRejected(deliver(s.raw, headersOf(s, { [header]: '' })), 400, /webhook-headers-missing$/);
    }
    await expectRejected(deliver(s.raw, headersOf(s, { 'webhook-id': 'x'.repeat(201) })), 400, /webhook-headers-missing$/);
    await expectRejected(deliver(s.raw, headersOf(s, { 'webhook-timestamp': `${s.timestamp}.0` })), 400, /webhook-timestamp-invalid$/);
    await expectRejected(deliver(s.raw, headersOf(s, { 'webhook-timestamp': `-${s.timestamp}` })), 400, /webhook-timestamp-invalid$/);
  });

  it('accepts 300 s of skew either way and refuses 301 s, even when the signature covers the stale time', async () => {
    for (const skew of [-301, 301]) await expectRejected(deliver(...pair(signed(paid({ referralCode: code }), { timestamp: now() + skew }))), 401, /webhook-timestamp-out-of-tolerance$/);
    for (const skew of [-300, 300]) {
      const res = await deliver(...pair(signed(paid({ referralCode: code, customerDomain: `edge${skew}.example` }), { timestamp: now() + skew })));
      expect(res.status).toBe(200);
      tally.processed++;
    }
  });

  it('refuses a genuine signature moved to another id or another time', async () => {
    const s = signed(paid({ referralCode: code }));
    await expectRejected(deliver(s.raw, headersOf(s, { 'webhook-id': `${s.id}x` })), 401, /webhook-signature-invalid$/);
    await expectRejected(deliver(s.raw, headersOf(s, { 'webhook-timestamp': String(s.timestamp - 1) })), 401, /webhook-signature-invalid$/);
    // A capture replayed after the window cannot be re-dated: the time is inside the signature.
    h.clock.advance(10 * 60_000);
    await expectRejected(deliver(s.raw, headersOf(s)), 401, /webhook-timestamp-out-of-tolerance$/);
    await expectRejected(deliver(s.raw, headersOf(s, { 'webhook-timestamp': String(now()) })), 401, /webhook-signature-invalid$/);
  });

  it('finds the valid signature wherever it is in the list, and refuses other versions and lists of only bad ones', async () => {
    const s = signed(paid({ referralCode: code }));
    const value = s.signature.slice(3);
    await expectRejected(deliver(s.raw, headersOf(s, { 'webhook-signature': `v2,${value}` })), 401, /webhook-signature-invalid$/);
    await expectRejected(deliver(s.raw, headersOf(s, { 'webhook-signature': value })), 401, /webhook-signature-invalid$/);
    await expectRejected(deliver(s.raw, headersOf(s, { 'webhook-signature': `v1a,${value} V1,${value} v1,${value.toLowerCase()}` })), 401, /webhook-signature-invalid$/);
    await expectRejected(deliver(s.raw, headersOf(s, { 'webhook-signature': Array.from({ length: 50 }, () => `v1,${Buffer.from(randomUUID()).toString('base64')}`).join(' ') })), 401, /webhook-signature-invalid$/);
    for (const list of [`${s.signature} v1,bm9wZQ==`, `v1,bm9wZQ== ${s.signature}`, `${Array.from({ length: 49 }, () => 'v1,bm9wZQ==').join(' ')} ${s.signature}`]) {
      const one = signed(paid({ referralCode: code, customerDomain: `list-${randomUUID().slice(0, 8)}.example` }));
      const before = await state();
      const res = await deliver(one.raw, headersOf(one, { 'webhook-signature': list.replace(s.signature, one.signature) }));
      expect(res.json).toMatchObject({ received: true, duplicate: false });
      expect((await state()).webhooks).toBe(before.webhooks + 1);
      tally.processed++;
    }
  });

  it('applies an id once: a replay with another validly signed order is a duplicate, and the second order is not recorded', async () => {
    const first = signed(paid({ referralCode: code, customerDomain: 'replay-a.example' }), { id: 'msg_replayed' });
    expect((await deliver(...pair(first))).json).toMatchObject({ duplicate: false });
    tally.processed++;
    const before = await state();
    const other = signed(paid({ referralCode: code, customerDomain: 'replay-b.example', amount: 9_999_999 }), { id: 'msg_replayed' });
    const res = await deliver(...pair(other));
    expect(res.json).toMatchObject({ received: true, duplicate: true });
    expect(await state()).toEqual(before);
    tally.duplicates++;
  });

  it('processes concurrent duplicate deliveries exactly once', async () => {
    const s = signed(paid({ referralCode: code, customerDomain: 'concurrent.example' }));
    const before = await state();
    const answers = await Promise.all(Array.from({ length: 12 }, () => deliver(...pair(s))));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(answers.filter((a) => a.json.duplicate === false)).toHaveLength(1);
    expect(await state()).toEqual({ webhooks: before.webhooks + 1, conversions: before.conversions + 1, commissions: before.commissions + 1 });
    tally.processed++;
    tally.duplicates += 11;
  });

  it('does not let a forged delivery burn the id of the genuine one', async () => {
    const genuine = signed(paid({ referralCode: code, customerDomain: 'genuine.example' }), { id: 'msg_targeted' });
    await expectRejected(deliver(genuine.raw.replace('genuine', 'forgery'), headersOf(genuine)), 401, /webhook-signature-invalid$/);
    await expectRejected(deliver(genuine.raw, headersOf(genuine, { 'webhook-signature': 'v1,AAAA' })), 401, /webhook-signature-invalid$/);
    const res = await deliver(...pair(genuine));
    expect(res.json).toMatchObject({ received: true, duplicate: false });
    tally.processed++;
  });

  it('refuses an over-large body before reading it, and a body that is not JSON even when signed', async () => {
    const big = signed({ type: 'order.paid', data: { pad: 'x'.repeat(300 * 1024) } });
    await expectRejected(deliver(...pair(big)), 413, /payload-too-large$/);
    const plain = { raw: 'order paid', id: `msg_${randomUUID()}`, timestamp: now() };
    await expectRejected(deliver(plain.raw, { 'webhook-id': plain.id, 'webhook-timestamp': String(plain.timestamp), 'webhook-signature': signWebhook(h.endpoint.webhookSecret, plain.id, plain.timestamp, plain.raw) }), 400, /malformed-json$/);
  });
});

describe('the helpers above can tell a good delivery from a bad one (positive control)', () => {
  it('a genuine delivery through sendWebhook is processed', async () => {
    const res = await sendWebhook(h, paid({ referralCode: code, customerDomain: 'control.example' }));
    expect(res.json).toMatchObject({ received: true, duplicate: false });
  });
});

function pair(s: ReturnType<typeof signed>): [string, Record<string, string>] {
  return [s.raw, headersOf(s)];
}
