// Vendor catalogs: refreshed with If-None-Match, validated before use. A catalog that fails
// validation never replaces the one we have; the error is kept and shown.
import type { DbHandle, VendorRecord, CatalogRecord } from './db';
import { CatalogError, parseCatalog, type Catalog } from '../core/catalog';
import { t } from '../ui/i18n';
import { callVendor, vendorUrl, type FailureCause, type Fetch } from './vendor-http';

export interface CatalogDeps {
  db: DbHandle;
  fetch: Fetch;
  now: () => number;
  timeoutMs?: number | undefined;
}

const CAUSE_MESSAGE: Readonly<Record<FailureCause, string>> = { timeout: 'catalogCause_timeout', network: 'catalogCause_network', 'not-json': 'catalogCause_notJson', 'too-large': 'catalogCause_tooLarge', status: 'catalogCause_status' };
/** A failed fetch's cause in a few words, for a sentence such as enrolment's "the catalog cannot be used (…)". */
const causeOf = (cause: FailureCause, status: number | undefined): string => (cause === 'status' ? t(CAUSE_MESSAGE.status, status ?? '?') : t(CAUSE_MESSAGE[cause]));

/** `changed`: the catalog differs from the one stored before (an unchanged 200 changes nothing). */
export type CatalogRefresh = { kind: 'updated'; catalog: Catalog; changed: boolean } | { kind: 'not-modified' } | { kind: 'failed'; error: string };

/** Validates a vendor's catalog; an error message names what is wrong. */
function parseVendorCatalog(input: unknown): { ok: true; catalog: Catalog } | { ok: false; error: string } {
  try {
    return { ok: true, catalog: parseCatalog(input) };
  } catch (error) {
    if (error instanceof CatalogError) return { ok: false, error: error.message };
    throw error;
  }
}

/** Checks a fetched catalog belongs to the vendor it came from. */
export function vendorCatalogOf(catalog: Catalog, vendorId: string): { ok: true; catalog: Catalog } | { ok: false; error: string } {
  const own = catalog.vendors.filter((v) => v.id === vendorId);
  if (own.length !== 1) return { ok: false, error: `The catalog does not describe vendor "${vendorId}" (exactly once).` };
  return { ok: true, catalog: { ...catalog, vendors: own } };
}

/** GET /v1/catalog; `etag` makes an unchanged catalog cost a 304. */
export async function fetchCatalog(deps: Omit<CatalogDeps, 'db'>, endpoint: string, vendorId: string | null, etag?: string): Promise<
  { kind: 'updated'; catalog: Catalog; etag?: string } | { kind: 'not-modified' } | { kind: 'failed'; error: string; detail?: string }
> {
  const answer = await callVendor({
    fetch: deps.fetch,
    url: vendorUrl(endpoint, '/v1/catalog'),
    headers: etag ? { 'if-none-match': etag } : {},
    timeoutMs: deps.timeoutMs,
    nowMs: deps.now(),
  });
  if (answer.status === 304 && etag) return { kind: 'not-modified' };
  // detail: what went wrong alone, without "will retry" or "the previous one stays", for a sentence
  // of a caller that neither retries nor has a previous catalog (enrolment)
  if (!answer.ok) return { kind: 'failed', error: answer.outcome.reason, detail: answer.detail ?? causeOf(answer.cause, answer.status) };
  const { json, headers } = answer;
  const parsed = parseVendorCatalog(json);
  if (!parsed.ok) return { kind: 'failed', error: t('catalogInvalid', parsed.error), detail: parsed.error };
  const own = vendorId ? vendorCatalogOf(parsed.catalog, vendorId) : parsed.catalog.vendors.length === 1 ? { ok: true as const, catalog: parsed.catalog } : { ok: false as const, error: t('catalogNotOneVendor') };
  if (!own.ok) return { kind: 'failed', error: own.error };
  const newTag = headers.get('etag') ?? undefined;
  return { kind: 'updated', catalog: own.catalog, ...(newTag ? { etag: newTag } : {}) };
}

export async function refreshCatalog(deps: CatalogDeps, vendor: VendorRecord): Promise<CatalogRefresh> {
  const previous = await (await deps.db.get()).get('catalogs', vendor.id);
  const result = await fetchCatalog(deps, vendor.endpoint, vendor.id, previous?.etag);
  const db = await deps.db.get();
  const checkedAt = deps.now();
  const tx = db.transaction(['catalogs', 'vendors'], 'readwrite');
  const [current, stillEnrolled] = await Promise.all([tx.objectStore('catalogs').get(vendor.id), tx.objectStore('vendors').get(vendor.id)]);
  const writes: Promise<unknown>[] = [];
  const changed = result.kind === 'updated' && JSON.stringify(result.catalog) !== JSON.stringify(current?.catalog);
  if (stillEnrolled) {
    writes.push(tx.objectStore('vendors').put({ ...stillEnrolled, catalogCheckedAt: checkedAt }));
    if (result.kind === 'updated') {
      const record: CatalogRecord = { vendorId: vendor.id, catalog: result.catalog, fetchedAt: checkedAt, ...(result.etag ? { etag: result.etag } : {}) };
      writes.push(tx.objectStore('catalogs').put(record));
    } else if (current) {
      const next: CatalogRecord = { ...current, fetchedAt: result.kind === 'not-modified' ? checkedAt : current.fetchedAt };
      if (result.kind === 'failed') next.error = result.error;
      else delete next.error;
      writes.push(tx.objectStore('catalogs').put(next));
    }
  }
  await Promise.all([...writes, tx.done]);
  return result.kind === 'updated' ? { kind: 'updated', catalog: result.catalog, changed: changed && stillEnrolled !== undefined } : result;
}
