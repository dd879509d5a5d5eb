// Two instances (two apps over one PostgreSQL database, in-process): what one learns, the other
// learns too. A practitioner enrolled on the first can sync through the second at once, and the
// second counts their clicks (it sees the enrolment within SECRET_REFRESH_MS), even for a code it
// answered as unknown before: that answer is not kept for good.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_REFRESH_MS, createApp } from '../../src/endpoint/app';
import { NO_RATE_LIMITS, silentLog, type AdvocateApp } from '../../src/endpoint/context';
import { createReferralCode, normaliseReferralCode, parseReferralCode, randomNonce, verifyReferralCode } from '../../src/core/referral/code';
import { SecretBox } from '../../src/endpoint/domain/at-rest';
import { CodeVerifier, SecretCache } from '../../src/endpoint/domain/secret-cache';
import { NAVIGATION, enrol, referralItem, startHarness, type Harness } from '../endpoint/helpers';

let h: Harness;
let other: AdvocateApp;
beforeAll(async () => {
  h = await startHarness();
  other = await createApp({ db: h.db, clock: h.clock.now, secrets: { adminToken: h.endpoint.adminToken, webhookSecret: h.endpoint.webhookSecret, dataKey: h.dataKey }, log: silentLog, limits: NO_RATE_LIMITS, settings: { publicUrl: 'https://endpoint.test' } });
});
afterAll(async () => {
  other.close();
  await h.close();
});

const clickOn = async (app: AdvocateApp, code: string) => {
  const res = await app.request(`https://endpoint.test/r/${code}`, { headers: { ...NAVIGATION, 'user-agent': 'visitor-x' } }, { incoming: { socket: { remoteAddress: '127.0.0.1' } } } as never);
  return res.headers.get('location') ?? '';
};

describe('a second instance on the same database', () => {
  it('takes a batch from a practitioner enrolled on the first at once, and counts their clicks once', async () => {
    const p = await enrol(h); // on the first instance
    const code = await p.code();
    const synced = await other.request('https://endpoint.test/v1/referrals', { method: 'POST', headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ referrals: [referralItem(code)] }) });
    expect(((await synced.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['accepted']);
    await new Promise((r) => setTimeout(r, 2 * SECRET_REFRESH_MS + 200));
    expect(await clickOn(other, code)).toContain(`ref=${code}`);
    expect(await h.count('clicks')).toBe(1);
    // The same visitor at the first instance the same day: still one click.
    expect(await clickOn(h.app, code)).toContain(`ref=${code}`);
    expect(await h.count('clicks')).toBe(1);
  });

  it('does not keep "no such practitioner" for a code once its owner has enrolled elsewhere', async () => {
    // The second instance's caches, driven by hand (no timer), so the order of events is exact.
    const secrets = new SecretCache(h.db, new SecretBox(h.dataKey));
    await secrets.load();
    const codes = new CodeVerifier(secrets, verifyReferralCode, (c) => parseReferralCode(c)?.practitionerNumber ?? null);
    const p = await enrol(h);
    const code = normaliseReferralCode(await p.code())!;
    expect(await codes.owner(code)).toBeNull(); // not seen yet: answered like a forgery
    await secrets.refresh();
    expect((await codes.owner(code))?.practitionerId).toBe(p.practitionerId);
    // A forgery for the same number stays a forgery.
    const forged = normaliseReferralCode(await createReferralCode({ practitionerNumber: p.number, nonce: randomNonce() }, crypto.getRandomValues(new Uint8Array(32))))!;
    expect(await codes.owner(forged)).toBeNull();
  });
});
