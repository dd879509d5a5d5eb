// The compiled catalog index the worker matches pages against: the starter catalog, then each
// enrolled vendor's own catalog (which replaces that vendor's starter entry). Rebuilt lazily
// after a catalog changes.
import type { DbHandle } from './db';
import { compileCatalog, starterCatalog, type CatalogIndex } from './ports';

export class CatalogIndexCache {
  private current: Promise<CatalogIndex> | null = null;

  constructor(private readonly db: DbHandle) {}

  get(): Promise<CatalogIndex> {
    if (!this.current) {
      const building = this.build();
      this.current = building;
      building.catch(() => {
        if (this.current === building) this.current = null;
      });
    }
    return this.current;
  }

  invalidate(): void {
    this.current = null;
  }

  private async build(): Promise<CatalogIndex> {
    const records = await (await this.db.get()).getAll('catalogs');
    return compileCatalog([starterCatalog, ...records.map((r) => r.catalog)]);
  }
}
