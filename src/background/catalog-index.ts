// The compiled catalog index the worker matches pages against: the starter catalog, then each
// enrolled vendor's own catalog (which replaces that vendor's starter entry only when bound to
// the same endpoint origin, see ./vendor-identity.ts). Rebuilt only after a catalog changed.
import { compileCatalog, starterCatalog, type CatalogIndex } from '../core/catalog';
import type { DbHandle } from './db';
import { Lazy } from './lazy';

export class CatalogIndexCache {
  private readonly index = new Lazy(() => this.build());

  /** `publish` receives the catalog's site keys after each rebuild (the worker stores them for the content script). */
  constructor(
    private readonly db: DbHandle,
    private readonly publish: (siteKeys: readonly string[]) => void | Promise<void> = () => {},
  ) {}

  get(): Promise<CatalogIndex> {
    return this.index.get();
  }

  invalidate(): void {
    this.index.resetIf();
    void this.get().catch(() => {}); // rebuild now so the published site keys follow the catalog
  }

  private async build(): Promise<CatalogIndex> {
    const records = await (await this.db.get()).getAll('catalogs');
    const index = compileCatalog([starterCatalog, ...records.map((r) => r.catalog)]);
    await Promise.resolve(this.publish(index.siteKeys)).catch(() => {});
    return index;
  }
}
