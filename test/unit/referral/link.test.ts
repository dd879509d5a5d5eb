import { describe, expect, it } from 'vitest';
import { ReferralInputError, buildReferralLink, referralCodeInLink, type LinkReferral } from '../../../src/core/referral';

const referral: LinkReferral = {
  code: '7k3m9q2x8d4f6h1j5n0p2r4t',
  vendorId: 'acme-db',
  productId: 'mysql',
  offerId: 'enterprise',
  channel: 'issue-comment',
};
const redirectVendor = { id: 'acme-db', referral: { linkStyle: 'redirect' as const, endpoint: 'https://advocate.acme.example/' } };
const paramVendor = { id: 'acme-db', referral: { linkStyle: 'offer-param' as const } };
const offer = (url: string) => ({ id: 'enterprise', url });

describe('buildReferralLink', () => {
  it('builds a redirect link through the vendor endpoint', () => {
    expect(buildReferralLink(referral, offer('https://acme.example/buy'), redirectVendor)).toBe(
      'https://advocate.acme.example/r/7k3m9q2x8d4f6h1j5n0p2r4t?o=enterprise',
    );
    const underPath = { ...redirectVendor, referral: { linkStyle: 'redirect' as const, endpoint: 'http://127.0.0.1:8787/advocate' } };
    expect(buildReferralLink(referral, offer('https://acme.example/buy'), underPath)).toBe(
      'http://127.0.0.1:8787/advocate/r/7k3m9q2x8d4f6h1j5n0p2r4t?o=enterprise',
    );
  });

  it('adds ref and UTM fields to the offer URL', () => {
    const link = new URL(buildReferralLink(referral, offer('https://acme.example/pricing'), paramVendor));
    expect(link.origin + link.pathname).toBe('https://acme.example/pricing');
    expect(Object.fromEntries(link.searchParams)).toEqual({
      ref: referral.code,
      utm_source: 'advocate',
      utm_medium: 'referral',
      utm_campaign: 'mysql',
      utm_content: 'issue-comment',
    });
    const withCampaign = new URL(buildReferralLink({ ...referral, campaign: 'FOSDEM 2026' }, offer('https://acme.example/p'), paramVendor));
    expect(withCampaign.searchParams.get('utm_campaign')).toBe('FOSDEM 2026');
  });

  it('keeps existing query parameters byte for byte, and the fragment', () => {
    const link = buildReferralLink(referral, offer('https://acme.example/buy?plan=a,b&x=%2F#compare'), paramVendor);
    expect(link).toBe(
      `https://acme.example/buy?plan=a,b&x=%2F&ref=${referral.code}&utm_source=advocate&utm_medium=referral&utm_campaign=mysql&utm_content=issue-comment#compare`,
    );
  });

  it('leaves a UTM field the vendor already set as it is', () => {
    const link = new URL(buildReferralLink(referral, offer('https://acme.example/buy?utm_source=partner'), paramVendor));
    expect(link.searchParams.getAll('utm_source')).toEqual(['partner']);
    expect(link.searchParams.get('utm_medium')).toBe('referral');
  });

  it('never overwrites an existing ref parameter', () => {
    for (const url of ['https://acme.example/buy?ref=someone-else', 'https://acme.example/buy?a=1&REF=x#y', 'https://acme.example/buy?ref=']) {
      expect(() => buildReferralLink(referral, offer(url), paramVendor)).toThrow(ReferralInputError);
      expect(() => buildReferralLink(referral, offer(url), paramVendor)).toThrow(/never replaces an existing referral parameter/);
    }
  });

  it('refuses mismatched pieces and unusable URLs', () => {
    expect(() => buildReferralLink(referral, { id: 'basic', url: 'https://acme.example' }, paramVendor)).toThrow(/offer "enterprise", not "basic"/);
    expect(() => buildReferralLink(referral, offer('https://acme.example'), { ...paramVendor, id: 'other' })).toThrow(/vendor "acme-db", not "other"/);
    expect(() => buildReferralLink(referral, offer('javascript:alert(1)'), paramVendor)).toThrow(/not an http\(s\) URL/);
    expect(() => buildReferralLink(referral, offer('https://a.example'), { id: 'acme-db', referral: { linkStyle: 'redirect' } })).toThrow(
      /names no endpoint/,
    );
  });
});

describe('referralCodeInLink', () => {
  it('reads back the code of a link of either style, and nothing from other text', () => {
    expect(referralCodeInLink(buildReferralLink(referral, offer('https://acme.example/buy'), redirectVendor))).toBe(referral.code);
    expect(referralCodeInLink(buildReferralLink(referral, offer('https://acme.example/pricing?plan=pro'), paramVendor))).toBe(referral.code);
    expect(referralCodeInLink(`https://advocate.acme.example/r/${referral.code.toUpperCase()}?o=enterprise`)).toBe(referral.code);
    expect(referralCodeInLink('https://advocate.acme.example/r/too-short?o=enterprise')).toBeNull();
    expect(referralCodeInLink('https://acme.example/pricing')).toBeNull();
    expect(referralCodeInLink(referral.code)).toBeNull(); // a bare code is not a link
    expect(referralCodeInLink('javascript:alert(1)//?ref=7k3m9q2x8d4f6h1j5n0p2r4t')).toBeNull();
  });
});
