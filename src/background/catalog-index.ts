// The compiled catalog index the worker matches pages against: the starter catalog, then each
// enrolled vendor's own catalog (which replaces that vendor's starter entry only when bound to
// the same endpoint origin, see ./vendor-identity.ts). Rebuilt only after a catalog changed.
import { compileCatalog, starterCatalog, type CatalogIndex } from '../core/catalog';
import type { DbHandle } from './db';
import { mayStandFor } from './identity';
import { Lazy } from './lazy';

export class CatalogIndexCache {
  private readonly index = new Lazy(() => this.build());

  constructor(private readonly db: DbHandle) {}

  get(): Promise<CatalogIndex> {
    return this.index.get();
  }

  invalidate(): void {
    this.index.resetIf();
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
    return compileCatalog([starterCatalog, ...own.map((r) => r.catalog)]);
  }
}
