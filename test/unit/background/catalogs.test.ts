import { describe, expect, it } from 'vitest';
import { refreshCatalog } from '../../../src/background/catalogs';
import { CatalogIndexCache } from '../../../src/background/catalog-index';
import { createSyncer } from '../../../src/background/sync';
import { clock, FakeVendor, freshDb, memoryLock, seedVendor } from './helpers';
import { vendorCatalog } from './world';
import { withEnglishMessages } from '../../messages';

withEnglishMessages(); // the worker writes its sync reasons in the browser's language

async function setup() {
  const db = freshDb();
  const vendor = new FakeVendor();
  vendor.catalogBody = vendorCatalog();
  const record = await seedVendor(db);
  const time = clock();
  return { db, vendor, record, time, deps: { db, fetch: vendor.fetch, now: time.now, timeoutMs: 100 } };
}

describe('catalog refresh', () => {
  it('stores the catalog with its ETag, then sends If-None-Match and keeps it on 304', async () => {
    const { db, vendor, record, deps, time } = await setup();
    expect((await refreshCatalog(deps, record)).kind).toBe('updated');
    const first = await (await db.get()).get('catalogs', 'acme');
    expect(first).toMatchObject({ etag: '"v1"', catalog: { vendors: [{ id: 'acme' }] } });

    time.advance(60_000);
    expect((await refreshCatalog(deps, record)).kind).toBe('not-modified');
    const catalogRequests = vendor.requests.filter((r) => r.url.endsWith('/v1/catalog'));
    expect(catalogRequests[1]!.headers['if-none-match']).toBe('"v1"');
    const second = await (await db.get()).get('catalogs', 'acme');
    expect(second).toMatchObject({ etag: '"v1"', catalog: first!.catalog, fetchedAt: time.now() });
  });

  it('replaces the catalog when the vendor publishes a new one', async () => {
    const { db, vendor, record, deps } = await setup();
    await refreshCatalog(deps, record);
    const next = vendorCatalog();
    next.vendors[0]!.products[0]!.name = 'MySQL Server';
    vendor.catalogBody = next;
    vendor.catalogEtag = '"v2"';
    expect((await refreshCatalog(deps, record)).kind).toBe('updated');
    expect(await (await db.get()).get('catalogs', 'acme')).toMatchObject({ etag: '"v2"', catalog: { vendors: [{ products: [{ name: 'MySQL Server' }] }] } });
  });

  it('an invalid or foreign catalog keeps the previous one and records the error', async () => {
    const { db, vendor, record, deps } = await setup();
    await refreshCatalog(deps, record);
    const good = (await (await db.get()).get('catalogs', 'acme'))!.catalog;

    vendor.catalogBody = { schemaVersion: 1, vendors: [{ id: 'acme', name: '' }] };
    vendor.catalogEtag = '"bad"';
    const bad = await refreshCatalog(deps, record);
    expect(bad).toMatchObject({ kind: 'failed', error: expect.stringMatching(/invalid.*previous one stays in use/) });
    expect(await (await db.get()).get('catalogs', 'acme')).toMatchObject({ catalog: good, error: expect.stringMatching(/invalid/) });

    vendor.catalogBody = vendorCatalog('globex');
    vendor.catalogEtag = '"foreign"';
    expect(await refreshCatalog(deps, record)).toMatchObject({ kind: 'failed', error: expect.stringMatching(/does not describe vendor "acme"/) });

    vendor.catalogBody = vendorCatalog();
    vendor.catalogEtag = '"v3"';
    await refreshCatalog(deps, record);
    const fixed = await (await db.get()).get('catalogs', 'acme');
    expect(fixed?.error).toBeUndefined();
  });

  it('sync refreshes a catalog only when due, and the compiled index uses it over the starter entry', async () => {
    const { db, vendor, time } = await setup();
    const syncer = createSyncer({ db, fetch: vendor.fetch, now: time.now, random: () => 0.5, withLock: memoryLock(), catalogIntervalMs: 3_600_000 });
    await syncer.syncAll();
    await syncer.syncAll({ force: true });
    expect(vendor.requests.filter((r) => r.url.endsWith('/v1/catalog'))).toHaveLength(1);
    time.advance(3_600_000);
    await syncer.syncAll();
    expect(vendor.requests.filter((r) => r.url.endsWith('/v1/catalog'))).toHaveLength(2);

    const index = await new CatalogIndexCache(db).get();
    expect(index.product('acme', 'mysql')?.name).toBe('MySQL');
    expect(index.vendors.filter((v) => v.id === 'acme')).toHaveLength(1);
  });

  it('sync tells the index to rebuild only when a catalog really changed (not on 304, not on the same body)', async () => {
    const { db, vendor, time } = await setup();
    let changes = 0;
    const syncer = createSyncer({ db, fetch: vendor.fetch, now: time.now, random: () => 0.5, withLock: memoryLock(), catalogIntervalMs: 1, onCatalogChange: () => changes++ });
    await syncer.syncAll();
    expect(changes).toBe(1); // the first catalog
    time.advance(10);
    await syncer.syncAll();
    expect(changes).toBe(1); // 304
    vendor.catalogEtag = '"v1-again"';
    time.advance(10);
    await syncer.syncAll();
    expect(changes).toBe(1); // a new ETag, the same catalog
    const next = vendorCatalog();
    next.vendors[0]!.products[0]!.name = 'MySQL Server';
    vendor.catalogBody = next;
    vendor.catalogEtag = '"v2"';
    time.advance(10);
    await syncer.syncAll();
    expect(changes).toBe(2);
    expect(vendor.requests.filter((r) => r.url.endsWith('/v1/catalog'))).toHaveLength(4); // positive control: each pass asked
  });
});
