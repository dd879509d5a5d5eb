// Matching: a Detection (catalog-free, from the content script) + the compiled catalog index
// -> the products the page is about, strongest evidence first. A few Map reads per page.
import type { CatalogIndex, KeyMatch, SignalRole } from '../catalog/compile';
import type { Offer, Product, Vendor } from '../catalog/schema';

type Funding = NonNullable<Product['funding']>[number];
import type { Detection, PageType } from '../detect/types';
import type { Key } from '../keys';

export interface OfferMatch {
  vendorId: string;
  vendorName: string;
  offer: Offer;
  /** The vendor runs an Advocate programme (its catalog names an endpoint): a paid link is possible once enrolled. */
  programme?: true;
}

/** A page key the catalog marks as old: still detected, shown as old (an image no longer updated…). */
export interface LegacySignal {
  key: Key;
  reason: string;
}

/** A vendor that no longer offers anything for the product: no offer is shown for it. */
export interface DiscontinuedBy {
  vendorId: string;
  vendorName: string;
  reason: string;
}

export interface ProductMatch {
  productId: string;
  name: string;
  offers: OfferMatch[];
  /** The page keys that named this product, in detection order. */
  matchedBy: Key[];
  /** Those of `matchedBy` that are legacy signals, with why. */
  legacy?: LegacySignal[];
  discontinued?: DiscontinuedBy[];
  /** Where the upstream project takes money (a practitioner may pledge part of a commission). */
  funding?: Funding[];
}

export interface PageMatch {
  pageType: PageType;
  site: string;
  confidence: number;
  keys: Key[];
  products: ProductMatch[];
}

/** Lower is stronger: the page IS the project > the page discusses it > the page is on its site. */
const TIER: Record<SignalRole, number> = {
  repository: 0,
  package: 0,
  image: 0,
  'so-tag': 1,
  forum: 1,
  'mailing-list': 1,
  subreddit: 1,
  org: 1,
  homepage: 2,
  docs: 2,
};

/** Confidence once the catalog names the page's host (or host + first path segment). */
const NAMED_BY_CATALOG = 0.9;
/** …or only a parent domain of it (docs.example.org under a catalog entry for example.org). */
const PARENT_NAMED_BY_CATALOG = 0.75;

interface Found {
  productId: string;
  tier: number;
  order: number;
  keys: Key[];
  vendorIds: string[];
  legacy: LegacySignal[];
}

const isHostOrPath = (key: Key) => key.startsWith('host:') || key.startsWith('path:');

/**
 * Host keys that only name a parent domain of the page's own host (detection emits the page's
 * host first, then its parents). A parent only vouches for homepage/docs, never for a forum.
 */
function parentHostKeys(keys: readonly Key[]): Set<Key> {
  const parents = new Set<Key>();
  let own: string | undefined;
  for (const key of keys) {
    if (!key.startsWith('host:')) continue;
    const host = key.slice(5);
    if (own === undefined) own = host;
    else if (own.endsWith(`.${host}`)) parents.add(key);
  }
  return parents;
}

export function matchPage(detection: Detection, index: CatalogIndex): PageMatch {
  const found = new Map<string, Found>();
  const parents = parentHostKeys(detection.keys);
  let pageType = detection.pageType;
  let confidence = detection.confidence;
  let typeSettled = pageType !== 'other';
  const orgMatches: [KeyMatch, Key, number][] = [];

  detection.keys.forEach((key, order) => {
    let matches: readonly KeyMatch[] = index.lookup(key);
    const isParent = parents.has(key);
    if (isParent) matches = matches.filter((m) => m.role === 'homepage' || m.role === 'docs');
    if (matches.length === 0) return;

    // The most specific host/path key the catalog knows decides what an 'other' page is.
    if (!typeSettled && isHostOrPath(key)) {
      typeSettled = true;
      const forum = matches.some((m) => m.role === 'forum' || m.role === 'mailing-list');
      const project = matches.some((m) => m.role === 'homepage' || m.role === 'docs');
      if (forum || project) {
        pageType = forum ? 'forum' : 'project';
        confidence = Math.max(confidence, isParent ? PARENT_NAMED_BY_CATALOG : NAMED_BY_CATALOG);
      }
    }

    for (const m of matches) {
      if (m.role === 'org') {
        orgMatches.push([m, key, order]);
        continue;
      }
      addMatch(found, m, key, order);
    }
  });

  // An organisation is weak evidence: it names a product only when nothing on the page names one
  // at repository, package or image level (a profile, an org discussion, an unlisted repo of the org).
  if (![...found.values()].some((f) => f.tier === 0)) {
    for (const [m, key, order] of orgMatches) addMatch(found, m, key, order);
  }

  const products = [...found.values()]
    .sort((a, b) => a.tier - b.tier || b.keys.length - a.keys.length || a.order - b.order)
    .map((entry) => toProductMatch(entry, index))
    .filter((p): p is ProductMatch => p !== undefined);

  return { pageType, site: detection.site, confidence, keys: detection.keys, products };
}

function addMatch(found: Map<string, Found>, m: KeyMatch, key: Key, order: number): void {
  let entry = found.get(m.productId);
  if (!entry) {
    entry = { productId: m.productId, tier: TIER[m.role], order, keys: [], vendorIds: [], legacy: [] };
    found.set(m.productId, entry);
  }
  entry.tier = Math.min(entry.tier, TIER[m.role]);
  if (!entry.keys.includes(key)) entry.keys.push(key);
  if (m.legacy !== undefined && !entry.legacy.some((l) => l.key === key)) entry.legacy.push({ key, reason: m.legacy });
  if (!entry.vendorIds.includes(m.vendorId)) entry.vendorIds.push(m.vendorId);
}

const vendorMaps = new WeakMap<CatalogIndex, Map<string, Vendor>>();

function vendorById(index: CatalogIndex, id: string): Vendor | undefined {
  let byId = vendorMaps.get(index);
  if (!byId) {
    byId = new Map(index.vendors.map((v) => [v.id, v]));
    vendorMaps.set(index, byId);
  }
  return byId.get(id);
}

function toProductMatch(entry: Found, index: CatalogIndex): ProductMatch | undefined {
  let name: string | undefined;
  let funding: Funding[] | undefined;
  const offers: OfferMatch[] = [];
  const discontinued: DiscontinuedBy[] = [];
  for (const vendorId of entry.vendorIds) {
    const product = index.product(vendorId, entry.productId);
    const vendor = vendorById(index, vendorId);
    if (!product || !vendor) continue;
    name ??= product.name;
    if (!funding?.length && product.funding?.length) funding = product.funding;
    if (product.discontinued) discontinued.push({ vendorId, vendorName: vendor.name, reason: product.discontinued.reason });
    else for (const offer of product.offers) offers.push({ vendorId, vendorName: vendor.name, offer, ...(vendor.referral.endpoint ? { programme: true as const } : {}) });
  }
  if (name === undefined) return undefined;
  return {
    productId: entry.productId,
    name,
    offers,
    matchedBy: entry.keys,
    ...(entry.legacy.length ? { legacy: entry.legacy } : {}),
    ...(discontinued.length ? { discontinued } : {}),
    ...(funding ? { funding } : {}),
  };
}
