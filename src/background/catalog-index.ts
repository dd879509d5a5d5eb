// The compiled catalog index the worker matches pages against: the starter catalog, then each
// enrolled vendor's own catalog (which replaces that vendor's starter entry). Rebuilt lazily
// after a catalog changes.
import type { DbHandle } from './db';
import { Lazy } from './lazy';
import { compileCatalog, starterCatalog, type CatalogIndex } from './ports';

export class CatalogIndexCache {
  private readonly index = new Lazy(() => this.build());

  /** `publish` receives the catalog's site keys after each rebuild (the worker stores them for the content script). */
  constructor(
    private readonly db: DbHandle,
    private readonly publish: (siteKeys: readonly string[]) => void = () => {},
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
    this.publish(index.siteKeys);
    return index;
  }
}
