// What may be suggested on a page: an offer of a vendor the practitioner is enrolled with, for a
// product the page is about, unless they paused suggestions, muted the site or the product,
// dismissed it here, or the page is the vendor's own. Nothing of another vendor reaches a page.
import type { PageMatch } from '../core/match';
import { dismissalKey, type Settings } from '../core/messages/settings';
import type { SuggestedOfferView, SuggestionView } from '../core/messages/views';
import { replySiteOf } from '../core/referral/community-rules';
import { normaliseDomain } from '../core/schema/domain';
import { formatDate } from '../ui/format';
import { levelName } from '../ui/names';
import type { VendorRecord } from './db';
import { readSettings } from './settings';
import type { Services } from './services';

export interface OfferChoice {
  productId: string;
  vendorId: string;
  offerId: string;
  view: SuggestedOfferView;
}

/** The page is on the vendor's own site (its homepage's domain or the offer's): nothing to refer there. */
function vendorsOwnPage(host: string, ...urls: string[]): boolean {
  return urls.some((url) => {
    const own = normaliseDomain(url);
    return own !== null && (host === own || host.endsWith(`.${own}`));
  });
}

function certificationOf(vendor: VendorRecord, productId: string, nowMs: number): SuggestedOfferView['certification'] {
  const valid = vendor.credentialStatuses.find((c) => c.productId === productId && c.state === 'valid' && (c.validUntil === undefined || Date.parse(c.validUntil) > nowMs));
  if (!valid) return undefined;
  return { level: levelName(valid.level), ...(valid.validUntil ? { validUntil: formatDate(valid.validUntil) } : {}) };
}

/**
 * The strongest product of the page an enrolled vendor offers, with that vendor's first offer.
 * `settings` given: the practitioner's pause, mutes and dismissals apply (what Advocate shows
 * on its own); left out: only enrolment and the vendor's own pages count (what they asked for).
 */
export async function offerFor(s: Pick<Services, 'db' | 'now'>, match: PageMatch, url: string, settings?: Settings): Promise<OfferChoice | null> {
  const host = normaliseDomain(url);
  if (host === null) return null;
  if (settings && (!settings.suggestionsEnabled || settings.mutedHosts.includes(host))) return null;
  const vendors = new Map((await (await s.db.get()).getAll('vendors')).filter((v) => v.sync.status !== 'gone').map((v) => [v.id, v]));
  for (const product of match.products) {
    if (settings && (settings.mutedProducts.includes(product.productId) || settings.dismissed.includes(dismissalKey(product.productId, host)))) continue;
    for (const { vendorId, vendorName, offer } of product.offers) {
      const vendor = vendors.get(vendorId);
      if (!vendor || vendorsOwnPage(host, vendor.homepage, offer.url)) continue;
      const certification = certificationOf(vendor, product.productId, s.now());
      return {
        productId: product.productId,
        vendorId,
        offerId: offer.id,
        view: { productId: product.productId, productName: product.name, vendorName, offerName: offer.name, adds: offer.adds, host, ...(certification ? { certification } : {}) },
      };
    }
  }
  return null;
}

/** What the content script of the page at `url` hears. */
export async function suggestionFor(s: Pick<Services, 'db' | 'now'>, match: PageMatch, url: string): Promise<{ view: SuggestionView; settings: Settings }> {
  const settings = await readSettings(await s.db.get());
  const choice = await offerFor(s, match, url, settings);
  return { view: { suggestion: choice?.view ?? null, inPage: settings.inPage, reply: choice ? replySiteOf(match.site) : null }, settings };
}
