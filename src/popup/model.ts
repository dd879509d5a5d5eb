// Turns what the worker answers (a page match, catalog search hits, the vendor list) into
// what the popup shows: products, each with its offers grouped by vendor.
import type { PageMatch } from '../core/match';
import type { CommandResponse } from '../background/commands';
import type { ProductHitView, VendorView } from '../core/messages';

/** What the popup reads at start: the tab's page and the vendor list. */
export type TabAnswer = CommandResponse<'page.forTab'>;
export type VendorsAnswer = CommandResponse<'vendors.list'>;

export interface OfferChoice {
  id: string;
  name: string;
  url: string;
  /** One sentence: what the subscription adds over the community edition. */
  adds: string;
}

export interface VendorOffers {
  vendorId: string;
  vendorName: string;
  enrolled: boolean;
  /** Runs an Advocate programme (enrolled, or its catalog names an endpoint); else only an unpaid link can be shared. */
  programme: boolean;
  offers: OfferChoice[];
}

export interface FundingLink {
  platform: string;
  url: string;
}

export interface ProductChoice {
  productId: string;
  name: string;
  description?: string;
  vendors: VendorOffers[];
  /** Where the upstream project takes money, for an optional give-back pledge. */
  funding?: FundingLink[];
}

/** What "Create link" needs to know about the chosen offer. */
export interface OfferRef {
  vendorId: string;
  vendorName: string;
  productId: string;
  productName: string;
  offer: OfferChoice;
  funding?: FundingLink[];
}

export function productsFromMatch(match: PageMatch, enrolled: ReadonlySet<string>): ProductChoice[] {
  const products = match.products.map((product) => {
    const vendors = new Map<string, VendorOffers>();
    for (const offerMatch of product.offers) {
      const { vendorId, vendorName, offer } = offerMatch;
      let entry = vendors.get(vendorId);
      if (!entry) {
        entry = { vendorId, vendorName, enrolled: enrolled.has(vendorId), programme: false, offers: [] };
        vendors.set(vendorId, entry);
      }
      entry.programme ||= entry.enrolled || offerMatch.programme === true;
      entry.offers.push({ id: offer.id, name: offer.name, url: offer.url, adds: offer.adds });
    }
    return { productId: product.productId, name: product.name, vendors: [...vendors.values()], ...(product.funding?.length ? { funding: product.funding } : {}) };
  });
  return enrolledFirst(products);
}

const rank = (vendor: VendorOffers) => (vendor.enrolled ? 0 : vendor.programme ? 1 : 2);

/**
 * What the practitioner can recommend comes first: vendors they are enrolled with, then those
 * running a programme, then the rest; products with an enrolled vendor before the others.
 * Otherwise the order stays as it came (the match's strength, the search's score).
 */
export function enrolledFirst(products: ProductChoice[]): ProductChoice[] {
  const sorted = products.map((product) => ({ ...product, vendors: [...product.vendors].sort((a, b) => rank(a) - rank(b)) }));
  const best = (product: ProductChoice) => Math.min(...product.vendors.map(rank), 3);
  return sorted.sort((a, b) => best(a) - best(b));
}

/** Search hits come one per vendor and product; the same product from two vendors is one card. */
export function productsFromHits(hits: readonly ProductHitView[], enrolled: ReadonlySet<string>): ProductChoice[] {
  const products = new Map<string, ProductChoice>();
  for (const hit of hits) {
    let product = products.get(hit.productId);
    if (!product) {
      product = { productId: hit.productId, name: hit.productName, description: hit.description, vendors: [] };
      products.set(hit.productId, product);
    }
    const isEnrolled = hit.enrolled || enrolled.has(hit.vendorId);
    product.vendors.push({
      vendorId: hit.vendorId,
      vendorName: hit.vendorName,
      enrolled: isEnrolled,
      programme: isEnrolled || hit.programme === true,
      offers: hit.offers.map(({ id, name, url, adds }) => ({ id, name, url, adds })),
    });
  }
  return enrolledFirst([...products.values()]);
}

/** Every offer the practitioner may recommend: those of vendors they are enrolled with. */
export function recommendableOffers(products: readonly ProductChoice[]): OfferRef[] {
  return products.flatMap((product) =>
    product.vendors
      .filter((vendor) => vendor.enrolled)
      .flatMap((vendor) =>
        vendor.offers.map((offer) => ({
          vendorId: vendor.vendorId,
          vendorName: vendor.vendorName,
          productId: product.productId,
          productName: product.name,
          offer,
          ...(product.funding ? { funding: product.funding } : {}),
        })),
      ),
  );
}

export const offerKey = (ref: Pick<OfferRef, 'vendorId' | 'productId'> & { offer: { id: string } }) => `${ref.vendorId}/${ref.productId}/${ref.offer.id}`;

export const enrolledIds = (vendors: readonly VendorView[]) => new Set(vendors.map((vendor) => vendor.id));

/** Where the link will probably be pasted, from what the page is (shared with the worker's reply button). */
export { defaultChannel } from '../core/referral/channels';

export const isWebUrl = (url: string | undefined): url is string => !!url && /^https?:\/\//i.test(url);
