// Everything a route needs, built once at start.
import type { Kysely } from 'kysely';
import { createHash } from 'node:crypto';
import type { Catalog, Offer, Product } from '../core/catalog';
import type { VendorInfo } from '../core/protocol/vendor';
import type { Database } from './db/schema';
import { ClickRecorder } from './domain/clicks';
import { plainOfferPage } from './domain/demo-catalog';
import type { CodeVerifier, SecretCache } from './domain/secret-cache';
import type { VendorState } from './domain/vendor-state';
import type { RateLimiter } from './http/rate-limit';

export interface App {
  db: Kysely<Database>;
  now: () => Date;
  state: VendorState;
  vendorInfo: VendorInfo;
  catalog: Catalog;
  catalogBody: string;
  catalogEtag: string;
  currency: string;
  products: Map<string, { product: Product; offers: Map<string, Offer> }>;
  offers: Map<string, { offer: Offer; productId: string }>;
  defaultOffer: Offer;
  plainOfferUrl: string;
  secrets: SecretCache;
  codes: CodeVerifier;
  clicks: ClickRecorder;
  /** Offer of each synced referral code (null: looked up, not synced yet), so the redirect rarely queries. */
  referralOffers: Map<string, string | null>;
  attributionDays: number;
  limits: { perIp: RateLimiter | null; perToken: RateLimiter | null; redirectPerIp: RateLimiter | null };
}

export function catalogFor(template: Catalog, endpoint: string): Catalog {
  const vendor = template.vendors[0]!;
  return { ...template, vendors: [{ ...vendor, referral: { ...vendor.referral, endpoint } }] };
}

export function indexCatalog(catalog: Catalog) {
  const vendor = catalog.vendors[0]!;
  const products = new Map<string, { product: Product; offers: Map<string, Offer> }>();
  const offers = new Map<string, { offer: Offer; productId: string }>();
  for (const product of vendor.products) {
    products.set(product.id, { product, offers: new Map(product.offers.map((o) => [o.id, o])) });
    for (const offer of product.offers) offers.set(offer.id, { offer, productId: product.id });
  }
  const body = JSON.stringify(catalog);
  return {
    products,
    offers,
    catalogBody: body,
    catalogEtag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    defaultOffer: vendor.products[0]!.offers[0]!,
    plainOfferUrl: plainOfferPage(vendor.homepage),
    currency: vendor.currency,
  };
}
