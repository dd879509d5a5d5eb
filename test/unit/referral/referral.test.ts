import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { encodeBase64Url } from '../../../src/core/credential';
import { ReferralInputError, ReferralSchema, newReferral, verifyReferralCode, type ReferralRequest as ReferralInput } from '../../../src/core/referral';
import { LIMITS } from '../../../src/core/schema';

const secret = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
const now = new Date('2026-05-04T10:00:00Z');
const context = { practitionerNumber: 4242, secret, now };
const input: ReferralInput = { vendorId: 'acme-db', productId: 'mysql', offerId: 'enterprise', channel: 'forum-answer' };

describe('newReferral', () => {
  it('creates a valid record whose code the vendor can verify offline', async () => {
    const r = await newReferral(input, context);
    expect(v.is(ReferralSchema, r)).toBe(true);
    expect(r).toMatchObject({ vendorId: 'acme-db', productId: 'mysql', offerId: 'enterprise', channel: 'forum-answer', createdAt: '2026-05-04T10:00:00.000Z' });
    expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await verifyReferralCode(r.code, secret))?.practitionerNumber).toBe(4242);
    expect('campaign' in r || 'pageUrl' in r || 'pageHost' in r || 'giveBack' in r).toBe(false);
  });

  it('gives each referral its own id and code', async () => {
    const [a, b] = await Promise.all([newReferral(input, context), newReferral(input, context)]);
    expect(a.id).not.toBe(b.id);
    expect(a.code).not.toBe(b.code);
  });

  it('shares only the host of the page by default', async () => {
    const r = await newReferral({ ...input, pageUrl: 'https://Forums.MySQL.com/read.php?10,7#msg-3' }, context);
    expect(r.pageHost).toBe('forums.mysql.com');
    expect(r.pageUrl).toBeUndefined();
    expect((await newReferral({ ...input, pageUrl: 'https://x.example/a', sharePageUrl: 'host' }, context)).pageHost).toBe('x.example');
    expect((await newReferral({ ...input, pageUrl: 'https://x.example/a', sharePageUrl: 'host' }, context)).pageUrl).toBeUndefined();
  });

  it('shares the full page URL only on opt-in, without credentials', async () => {
    const r = await newReferral({ ...input, pageUrl: 'https://user:pw@forums.mysql.com/read.php?10,7#msg-3', sharePageUrl: 'full' }, context);
    expect(r.pageUrl).toBe('https://forums.mysql.com/read.php?10,7#msg-3');
    expect(r.pageHost).toBe('forums.mysql.com');
    expect((await newReferral({ ...input, pageUrl: 'https://x.example/a', sharePageUrl: 'full' }, context)).pageUrl).toBe('https://x.example/a');
  });

  it('shares nothing of the page when asked', async () => {
    const r = await newReferral({ ...input, pageUrl: 'https://x.example/a', sharePageUrl: 'none' }, context);
    expect(r.pageHost).toBeUndefined();
    expect(r.pageUrl).toBeUndefined();
  });

  it('keeps a trimmed campaign and the give-back, and drops an empty campaign', async () => {
    const r = await newReferral({ ...input, campaign: '  fosdem-2026 ', giveBack: { url: 'https://opencollective.com/mysql', percent: 20 } }, context);
    expect(r.campaign).toBe('fosdem-2026');
    expect(r.giveBack).toEqual({ url: 'https://opencollective.com/mysql', percent: 20 });
    expect('campaign' in (await newReferral({ ...input, campaign: '   ' }, context))).toBe(false);
  });

  it('accepts the base64url secret from enrolment and an injected id', async () => {
    const r = await newReferral(input, { ...context, secret: encodeBase64Url(secret), randomId: () => '01890a5d-ac96-774b-bcce-b302099a8057' });
    expect(r.id).toBe('01890a5d-ac96-774b-bcce-b302099a8057');
    expect(await verifyReferralCode(r.code, secret)).not.toBeNull();
  });

  it.each([
    ['an unknown channel', { ...input, channel: 'billboard' }, /channel must be one of/],
    ['an upper-case vendor id', { ...input, vendorId: 'AcmeDB' }, /vendorId must be a lower-case slug/],
    ['a missing offer', { vendorId: 'acme-db', productId: 'mysql', channel: 'talk' }, /offerId/],
    ['a javascript: page URL', { ...input, pageUrl: 'javascript:alert(1)' }, /pageUrl must be an http\(s\) URL/],
    ['a 0% give-back', { ...input, giveBack: { url: 'https://github.com/sponsors/x', percent: 0 } }, /between 1 and 100/],
    ['a 101% give-back', { ...input, giveBack: { url: 'https://github.com/sponsors/x', percent: 101 } }, /between 1 and 100/],
    ['a fractional give-back', { ...input, giveBack: { url: 'https://github.com/sponsors/x', percent: 12.5 } }, /whole number/],
    ['an http give-back URL', { ...input, giveBack: { url: 'http://github.com/sponsors/x', percent: 10 } }, /must be an https URL/],
    ['an unexpected field', { ...input, cookie: 'x' }, /cookie/],
    ['an overlong campaign', { ...input, campaign: 'x'.repeat(LIMITS.campaign + 1) }, new RegExp(`campaign is longer than ${LIMITS.campaign}`)],
  ])('refuses %s with a clear message', async (_what, bad, message) => {
    const attempt = newReferral(bad as ReferralInput, context);
    await expect(attempt).rejects.toThrow(ReferralInputError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('refuses a bad secret, practitioner number, id or clock', async () => {
    await expect(newReferral(input, { ...context, secret: new Uint8Array(8) })).rejects.toThrow(/too short/);
    await expect(newReferral(input, { ...context, secret: 'not base64url!' })).rejects.toThrow(/not base64url/);
    await expect(newReferral(input, { ...context, practitionerNumber: -1 })).rejects.toThrow(/uint32/);
    await expect(newReferral(input, { ...context, randomId: () => 'ABC' })).rejects.toThrow(/lower-case UUID/);
    await expect(newReferral(input, { ...context, now: new Date('nope') })).rejects.toThrow(/valid Date/);
  });
});
