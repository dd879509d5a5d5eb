// The starter catalog's own rules, on top of the catalog schema: every claim names its public
// source and the day it was checked, a project offered by several vendors is described alike,
// and claims not checked for a year (or never compared with their source) are listed for review.
// Used by the build (vite.config.ts), the tests and `npm run catalog -- check`.

import { catalogProblems, parseCatalog } from './parse';
import { dayInstant, type Catalog, type Product, type Provenance, type Vendor } from './schema';
import { signalKeys } from './signal-keys';

export interface StarterFile {
  /** The file name inside src/core/catalog/starter/, e.g. `oracle.json`. */
  file: string;
  vendor: unknown;
}

export interface Problem {
  file: string;
  vendorId?: string;
  productId?: string;
  /** Path inside the file, e.g. `products[0].offers[1].adds`; '' for the whole file. */
  field: string;
  message: string;
}

export interface Review {
  /** The build fails on these. */
  errors: Problem[];
  /** Checked more than a year ago: compare with the source again. */
  stale: Problem[];
  /** Written without comparing with the source: compare, then drop `unverified`. */
  unverified: Problem[];
  /** The compiled catalog, when there are no errors. */
  catalog?: Catalog;
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** One sentence that starts "Adds"; dots are allowed inside words and numbers ("Node.js", "2.5"). */
export const ADDS_SENTENCE = /^Adds [^.!?]+(?:\.[^ .!?][^.!?]*)*\.$/;

export function reviewStarter(files: readonly StarterFile[], now: Date): Review {
  const review: Review = { errors: [], stale: [], unverified: [] };
  // Each file on its own, so one broken file does not hide what is wrong or old in the others.
  // (Vendor ids are unique because each file is named after its vendor.)
  const valid: { file: string; vendor: Vendor }[] = [];
  for (const { file, vendor } of files) {
    const problems = catalogProblems({ schemaVersion: 1, vendors: [vendor] });
    for (const error of problems) {
      review.errors.push({ file, ...ids(error.vendorId, error.productId), field: error.field.replace(/^vendors\[0\]\.?/, ''), message: problemOf(error.message) });
    }
    if (problems.length) continue;
    // The bundle ships the file as written, so it must be written as the schema reads it.
    const read = parseCatalog({ schemaVersion: 1, vendors: [vendor] }).vendors[0]!;
    const at = firstDifference(vendor, read);
    if (at !== undefined) review.errors.push({ file, vendorId: read.id, field: at, message: 'has spaces at an end, control characters or text not in Unicode NFC: write it as the catalog reads it' });
    else valid.push({ file, vendor: read });
  }

  const firstOffering = new Map<string, { file: string; product: Product }>();
  valid.forEach(({ file, vendor }) => {
    const report = (list: Problem[], field: string, message: string, productId?: string) =>
      list.push({ file, ...ids(vendor.id, productId), field, message });
    if (file !== `${vendor.id}.json`) report(review.errors, 'id', `the file of vendor "${vendor.id}" must be named ${vendor.id}.json`);
    if (vendor.referral.linkStyle !== 'offer-param' || vendor.referral.endpoint !== undefined) {
      report(review.errors, 'referral', 'a starter vendor has no Advocate endpoint until it enrols: use { "linkStyle": "offer-param" }');
    }
    vendor.products.forEach((product, pi) => {
      const first = firstOffering.get(product.id);
      if (!first) firstOffering.set(product.id, { file, product });
      else {
        for (const field of differingSignals(first.product, product)) {
          report(review.errors, `products[${pi}].signals.${field}`, `differs from the same project in ${first.file}: describe a project alike in every vendor file`, product.id);
        }
      }
    });
  });
  // Second pass for dates, so each list reads in file order.
  valid.forEach(({ file, vendor }) => {
    const dated = (where: Provenance, field: string, what: string, productId?: string, required = true) => {
      const at = { file, ...ids(vendor.id, productId) };
      if (where.source === undefined && required) review.errors.push({ ...at, field: join(field, 'source'), message: `${what} needs "source": the public page that supports it` });
      if (where.checked === undefined) {
        if (required || where.source !== undefined) review.errors.push({ ...at, field: join(field, 'checked'), message: `${what} needs "checked": the day it was compared with its source` });
        return;
      }
      const checked = dayInstant(where.checked)!;
      if (checked > now.getTime() + DAY_MS) review.errors.push({ ...at, field: join(field, 'checked'), message: `${where.checked} is in the future` });
      else if (now.getTime() - checked > YEAR_MS) review.stale.push({ ...at, field: join(field, 'checked'), message: `${what} was last checked on ${where.checked}, over a year ago (${where.source ?? 'no source'})` });
      if (where.unverified) review.unverified.push({ ...at, field: join(field, 'unverified'), message: `${what} was written on ${where.checked} without comparing it with ${where.source ?? 'a source'}` });
    };
    dated(vendor, '', 'the vendor', undefined, false);
    vendor.products.forEach((product, pi) => {
      const at = `products[${pi}]`;
      dated(product, at, 'the product', product.id);
      if (product.discontinued) dated(product.discontinued, `${at}.discontinued`, 'the discontinued reason', product.id);
      for (const key of signalKeys(product.signals)) {
        if (typeof key.entry === 'string') continue;
        dated(key.entry, `${at}.${key.field}`, `the signal "${key.entry.value}"`, product.id, key.legacy !== undefined);
      }
      product.offers.forEach((offer, oi) => {
        dated(offer, `${at}.offers[${oi}]`, `the "adds" sentence of offer "${offer.id}"`, product.id);
        if (!ADDS_SENTENCE.test(offer.adds)) {
          review.errors.push({ file, ...ids(vendor.id, product.id), field: `${at}.offers[${oi}].adds`, message: 'must be one sentence that starts with "Adds " and ends with a full stop' });
        }
      });
    });
  });
  review.errors.sort(byFile(files));
  if (!review.errors.length) review.catalog = { schemaVersion: 1, vendors: valid.map((v) => v.vendor) };
  return review;
}

/** The path of the first value that differs between two JSON values, or undefined. */
function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b) ? undefined : path;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const child = Array.isArray(a) ? `${path}[${key}]` : join(path, key);
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], child);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The top-level signal fields two descriptions of one project disagree on. */
function differingSignals(a: Product, b: Product): string[] {
  const fields = new Set([...Object.keys(a.signals), ...Object.keys(b.signals)]) as Set<keyof Product['signals']>;
  return [...fields].filter((f) => JSON.stringify(a.signals[f]) !== JSON.stringify(b.signals[f])).sort();
}

const join = (base: string, leaf: string) => (base ? `${base}.${leaf}` : leaf);
const ids = (vendorId?: string, productId?: string) => ({
  ...(vendorId === undefined ? {} : { vendorId }),
  ...(productId === undefined ? {} : { productId }),
});
/** CatalogError messages repeat the place; keep only what is wrong. */
const problemOf = (message: string) => message.replace(/^Catalog error(?: in [^:]*?)? at [^:]*: /, '');
const byFile = (files: readonly StarterFile[]) => {
  const order = new Map(files.map((f, i) => [f.file, i]));
  return (a: Problem, b: Problem) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1);
};
