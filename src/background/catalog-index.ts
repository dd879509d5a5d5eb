// The compiled catalog index the worker matches pages against: the starter catalog, then each
// enrolled vendor's own catalog (which replaces that vendor's starter entry). Rebuilt lazily
// after a catalog changes.
import type { DbHandle } from './db';
import { Lazy } from './lazy';
import { compileCatalog, starterCatalog, type CatalogIndex } from './ports';

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
    const records = await (await this.db.get()).getAll('catalogs');
    return compileCatalog([starterCatalog, ...records.map((r) => r.catalog)]);
  }
}
