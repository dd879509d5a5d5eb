// The compiled catalog index the worker matches pages against: the starter catalog, then each
// enrolled vendor's own catalog (which replaces that vendor's starter entry only when bound to
// the same endpoint origin, see ./vendor-identity.ts). Rebuilt only after a catalog changed.
import { compileCatalog, starterCatalog, type CatalogIndex } from '../core/catalog';
import { catalogHostsOf, CATALOG_HOSTS_KEY } from '../core/messages/catalog-hosts';
import type { DbHandle } from './db';
import { mayStandFor } from './identity';
import { Lazy } from './lazy';

export class CatalogIndexCache {
  private readonly index = new Lazy(() => this.build());

  /** `publish` receives the catalog's site keys after each rebuild (the worker stores them for the content script). */
  constructor(
    private readonly db: DbHandle,
    private readonly publish: (siteKeys: readonly string[]) => unknown = () => {},
  ) {}

  get(): Promise<CatalogIndex> {
    return this.index.get();
  }

  invalidate(): void {
    this.index.resetIf();
    void this.get().catch(() => {}); // rebuild now so the published site keys follow the catalog
  }

  private async build(): Promise<CatalogIndex> {
    const db = await this.db.get();
    const [records, vendors] = await Promise.all([db.getAll('catalogs'), db.getAll('vendors')]);
    const endpointOf = new Map(vendors.map((v) => [v.id, v.endpoint]));
    // Only an enrolled vendor's catalog counts, and never over a starter vendor bound elsewhere.
    const own = records.filter((r) => {
      const endpoint = endpointOf.get(r.vendorId);
      return endpoint !== undefined && mayStandFor(r.vendorId, endpoint);
    });
    const index = compileCatalog([starterCatalog, ...own.map((r) => r.catalog)]);
    await Promise.resolve(this.publish(index.siteKeys)).catch(() => {});
    return index;
  }
}

/** The part of chrome.storage.local the worker uses. */
export interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Writes the catalog's site keys where the content script reads them, only when they changed. */
export async function publishSiteKeys(area: LocalArea, siteKeys: readonly string[]): Promise<boolean> {
  const next = catalogHostsOf(siteKeys);
  const stored = (await area.get(CATALOG_HOSTS_KEY))[CATALOG_HOSTS_KEY];
  if (JSON.stringify(stored) === JSON.stringify(next)) return false;
  await area.set({ [CATALOG_HOSTS_KEY]: next });
  return true;
}
