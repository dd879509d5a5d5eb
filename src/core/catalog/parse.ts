// parseCatalog: untrusted JSON -> a valid Catalog, or a CatalogError that tells the author which
// product and which field to fix. Schema errors come from valibot; the cross-entry rules
// (unique ids, one owner per key within a vendor) are checked here.

import * as v from 'valibot';
import { CatalogSchema, type Catalog, type Product } from './schema';
import { signalKeys } from './signal-keys';

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  readonly vendorId?: string;
  readonly productId?: string;
  /** Path from the catalog root, e.g. `vendors[0].products[3].offers[0].url`. */
  readonly field: string;

  constructor(field: string, problem: string, ids: { vendorId?: string; productId?: string } = {}) {
    const where = [
      ids.vendorId !== undefined ? `vendor "${ids.vendorId}"` : '',
      ids.productId !== undefined ? `product "${ids.productId}"` : '',
    ]
      .filter(Boolean)
      .join(', ');
    super(`Catalog error${where ? ` in ${where}` : ''} at ${field || '(root)'}: ${problem}`);
    if (ids.vendorId !== undefined) this.vendorId = ids.vendorId;
    if (ids.productId !== undefined) this.productId = ids.productId;
    this.field = field;
  }
}

export function parseCatalog(input: unknown): Catalog {
  const result = v.safeParse(CatalogSchema, input, { abortEarly: true });
  if (!result.success) throw schemaError(input, result.issues[0]);
  checkUniqueness(result.output, (error) => {
    throw error;
  });
  return result.output;
}

/**
 * Every problem of a catalog, not just the first (for authors: `npm run catalog -- check`).
 * Cross-entry rules are checked once the shapes are right.
 */
export function catalogProblems(input: unknown): CatalogError[] {
  const result = v.safeParse(CatalogSchema, input);
  if (!result.success) {
    // One problem per field: the first check that failed says what to fix.
    const byField = new Map<string, CatalogError>();
    for (const issue of result.issues) {
      const error = schemaError(input, issue);
      if (!byField.has(error.field)) byField.set(error.field, error);
    }
    return [...byField.values()];
  }
  const problems: CatalogError[] = [];
  checkUniqueness(result.output, (error) => problems.push(error));
  return problems;
}

type Issue = v.InferIssue<typeof CatalogSchema>;

function schemaError(input: unknown, issue: Issue, parentKeys: readonly unknown[] = []): CatalogError {
  const keys = [...parentKeys, ...(issue.path ?? []).map((item) => item.key)];
  // A signal written as text or as an object: blame the branch the author meant (the one that
  // got past its type check); its issue paths are relative to the union's.
  if (issue.type === 'union') {
    const meant = issue.issues?.find((sub) => (sub.path?.length ?? 0) > 0);
    if (meant) return schemaError(input, meant as Issue, keys);
  }
  // An unknown field in a strict object: valibot points the path at the extra key itself.
  const problem =
    issue.type === 'strict_object' && issue.expected === 'never'
      ? 'unknown field (check its spelling)'
      : issue.received === 'undefined' && issue.kind === 'schema'
        ? 'is required'
        : issue.type === 'union'
          ? 'must be the value as text, or an object with "value" (and "legacy", "source", "checked")'
          : issue.message;
  return new CatalogError(formatPath(keys), problem, idsAt(input, keys));
}

function formatPath(keys: readonly unknown[]): string {
  return keys
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** Reads the vendor and product ids on the way to a bad field, when they are strings. */
function idsAt(input: unknown, keys: readonly unknown[]): { vendorId?: string; productId?: string } {
  const ids: { vendorId?: string; productId?: string } = {};
  const vendor = childAt(input, keys, 0, 'vendors');
  if (vendor === undefined) return ids;
  const vendorId = idOf(vendor);
  if (vendorId !== undefined) ids.vendorId = vendorId;
  const product = childAt(vendor, keys, 2, 'products');
  const productId = idOf(product);
  if (productId !== undefined) ids.productId = productId;
  return ids;
}

function childAt(parent: unknown, keys: readonly unknown[], at: number, arrayKey: string): unknown {
  if (keys[at] !== arrayKey || typeof keys[at + 1] !== 'number' || !isRecord(parent)) return undefined;
  const array = parent[arrayKey];
  return Array.isArray(array) ? array[keys[at + 1] as number] : undefined;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const idOf = (x: unknown) => (isRecord(x) && typeof x.id === 'string' ? x.id : undefined);

type Report = (error: CatalogError) => void;

function checkUniqueness(catalog: Catalog, report: Report): void {
  const vendorIds = new Set<string>();
  catalog.vendors.forEach((vendor, vi) => {
    const vendorPath = `vendors[${vi}]`;
    if (vendorIds.has(vendor.id)) {
      report(new CatalogError(`${vendorPath}.id`, `duplicate vendor id "${vendor.id}"`, { vendorId: vendor.id }));
    }
    vendorIds.add(vendor.id);

    const productIds = new Set<string>();
    // Within one vendor a key must lead to exactly one product, or a match would be ambiguous.
    const keyOwners = new Map<string, { productId: string; field: string }>();
    vendor.products.forEach((product, pi) => {
      const productPath = `${vendorPath}.products[${pi}]`;
      const ids = { vendorId: vendor.id, productId: product.id };
      if (productIds.has(product.id)) {
        report(new CatalogError(`${productPath}.id`, `duplicate product id "${product.id}" in this vendor`, ids));
      }
      productIds.add(product.id);
      checkOffers(product, productPath, ids, report);

      for (const { key, field } of signalKeys(product.signals)) {
        const owner = keyOwners.get(key);
        if (owner) {
          const other = owner.productId === product.id ? `already at ${owner.field}` : `already claimed by product "${owner.productId}" (${owner.field})`;
          report(new CatalogError(`${productPath}.${field}`, `key ${key} is ${other}`, ids));
          continue;
        }
        keyOwners.set(key, { productId: product.id, field: `${productPath}.${field}` });
      }
    });
  });
}

function checkOffers(product: Product, productPath: string, ids: { vendorId: string; productId: string }, report: Report): void {
  const offerIds = new Set<string>();
  product.offers.forEach((offer, oi) => {
    if (offerIds.has(offer.id)) {
      report(new CatalogError(`${productPath}.offers[${oi}].id`, `duplicate offer id "${offer.id}" in this product`, ids));
    }
    offerIds.add(offer.id);
  });
}
