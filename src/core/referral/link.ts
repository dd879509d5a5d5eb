// Builds the link a referral is shared with, in the style the vendor chose in its catalog.
// Principle 1: the offer URL is only added to, never rewritten. Its existing query text is
// kept byte for byte (URLSearchParams would re-encode it), and a `ref` already present is an
// error rather than something to replace.
import { parseWebUrl } from '../schema';
import { normaliseReferralCode } from './code';
import { ReferralInputError } from './errors';
import type { Referral } from './referral';

/** The parts of a catalog vendor and offer that links need (structurally the catalog's types). */
export interface LinkVendor {
  id: string;
  referral: { linkStyle: 'redirect' | 'offer-param'; endpoint?: string | undefined };
}
export interface LinkOffer {
  id: string;
  url: string;
}
export type LinkReferral = Pick<Referral, 'code' | 'vendorId' | 'productId' | 'offerId' | 'channel' | 'campaign'>;

function parseUrl(text: string, what: string): URL {
  const url = parseWebUrl(text);
  if (!url) throw new ReferralInputError(`${what} "${text}" is not an http(s) URL`);
  return url;
}

function redirectLink(referral: LinkReferral, endpoint: string): string {
  const url = parseUrl(endpoint, 'The vendor endpoint');
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/r/${referral.code}`;
  url.search = new URLSearchParams({ o: referral.offerId }).toString();
  url.hash = '';
  return url.href;
}

function offerParamLink(referral: LinkReferral, offerUrl: string): string {
  const url = parseUrl(offerUrl, 'The offer URL');
  const existing = new URLSearchParams(url.search);
  for (const name of existing.keys()) {
    if (name.toLowerCase() === 'ref') {
      throw new ReferralInputError(
        `The offer URL already carries a "${name}" parameter (${offerUrl}); Advocate never replaces an existing referral parameter. Ask the vendor to fix the offer URL in its catalog.`,
      );
    }
  }
  const added = new URLSearchParams({ ref: referral.code });
  const utm: [string, string][] = [
    ['utm_source', 'advocate'],
    ['utm_medium', 'referral'],
    ['utm_campaign', referral.campaign ?? referral.productId],
    ['utm_content', referral.channel],
  ];
  // A UTM field the vendor already set in its offer URL stays as the vendor wrote it.
  for (const [name, value] of utm) if (!existing.has(name)) added.append(name, value);
  const kept = url.search.replace(/^\?/, '').replace(/&+$/, '');
  url.search = kept ? `${kept}&${added}` : added.toString();
  return url.href;
}

/**
 * The referral code a link built here carries (`…/r/CODE?o=…` or `…?ref=CODE`), in its canonical
 * spelling; null when the text is no such link or the code in it is malformed.
 */
export function referralCodeInLink(link: string): string | null {
  const url = parseWebUrl(link.trim());
  if (!url) return null;
  const code = /\/r\/([^/]+)\/?$/.exec(url.pathname)?.[1] ?? url.searchParams.get('ref');
  return code ? normaliseReferralCode(code) : null;
}

/** The link to share. Throws ReferralInputError when the pieces do not belong together or the URL would be rewritten. */
export function buildReferralLink(referral: LinkReferral, offer: LinkOffer, vendor: LinkVendor): string {
  if (referral.vendorId !== vendor.id) {
    throw new ReferralInputError(`The referral is for vendor "${referral.vendorId}", not "${vendor.id}"`);
  }
  if (referral.offerId !== offer.id) {
    throw new ReferralInputError(`The referral is for offer "${referral.offerId}", not "${offer.id}"`);
  }
  switch (vendor.referral.linkStyle) {
    case 'redirect':
      if (!vendor.referral.endpoint) throw new ReferralInputError(`Vendor "${vendor.id}" uses redirect links but names no endpoint`);
      return redirectLink(referral, vendor.referral.endpoint);
    case 'offer-param':
      return offerParamLink(referral, offer.url);
    default:
      throw new ReferralInputError(`Vendor "${vendor.id}" has an unknown link style "${String(vendor.referral.linkStyle)}"`);
  }
}
