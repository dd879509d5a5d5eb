// compileCatalog: catalogs -> an index of exact keys, built once, so matching a page is a few
// Map reads and never a scan over products.

import type { Catalog, Product, Vendor } from './schema';
import { signalKeys, type SignalRole } from './signal-keys';

export type { SignalRole };

export interface KeyMatch {
  vendorId: string;
  productId: string;
  role: SignalRole;
  /** Why this vendor marks the signal as old (still detected, shown as old). */
  legacy?: string;
}

export interface CatalogIndex {
  /** Matches for one exact key (built with ../keys.ts); [] when unknown. O(1). */
  lookup(key: string): readonly KeyMatch[];
  product(vendorId: string, productId: string): Product | undefined;
  /** Every vendor offering this project, in catalog order. */
  productsById(productId: string): readonly { vendor: Vendor; product: Product }[];
  readonly vendors: readonly Vendor[];
  /** Number of distinct keys in the index. */
  readonly keyCount: number;
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * Catalogs are applied in order; a later catalog's vendor replaces an earlier vendor with the
 * same id as a whole (an enrolled vendor's own catalog supersedes its starter entry).
 * Input must come from parseCatalog (or be typed data validated by a test).
 */
export function compileCatalog(catalogs: readonly Catalog[]): CatalogIndex {
  const vendorsById = new Map<string, Vendor>();
  for (const catalog of catalogs) for (const vendor of catalog.vendors) vendorsById.set(vendor.id, vendor);

  const byKey = new Map<string, KeyMatch[]>();
  const products = new Map<string, Product>();
  const byProductId = new Map<string, { vendor: Vendor; product: Product }[]>();

  for (const vendor of vendorsById.values()) {
    for (const product of vendor.products) {
      products.set(productSlot(vendor.id, product.id), product);
      const offering = byProductId.get(product.id);
      if (offering) offering.push({ vendor, product });
      else byProductId.set(product.id, [{ vendor, product }]);

      for (const { key, role, legacy } of signalKeys(product.signals)) {
        const match: KeyMatch = Object.freeze({ vendorId: vendor.id, productId: product.id, role, ...(legacy === undefined ? {} : { legacy }) });
        const matches = byKey.get(key);
        if (!matches) byKey.set(key, [match]);
        // One vendor never claims a key twice (parseCatalog rejects it); keep the first if it did.
        else if (!matches.some((m) => m.vendorId === vendor.id)) matches.push(match);
      }
    }
  }
  for (const matches of byKey.values()) Object.freeze(matches);

  const vendors = Object.freeze([...vendorsById.values()]);
  return {
    lookup: (key) => byKey.get(key) ?? NONE,
    product: (vendorId, productId) => products.get(productSlot(vendorId, productId)),
    productsById: (productId) => byProductId.get(productId) ?? NONE,
    vendors,
    keyCount: byKey.size,
  };
}

// Ids are slugs ([a-z0-9-]), so a space cannot occur inside either half.
const productSlot = (vendorId: string, productId: string) => `${vendorId} ${productId}`;
