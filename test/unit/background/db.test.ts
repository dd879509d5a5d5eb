import { describe, expect, it, onTestFinished } from 'vitest';
import { forceCloseDatabase } from 'fake-indexeddb';
import { openDB, unwrap } from 'idb';
import { DB_VERSION, DbHandle, MIGRATIONS, type StorageEvent } from '../../../src/background/db';
import { StorageHealth } from '../../../src/background/health';
import { START, referralRecord, vendorRecord } from './helpers';

let n = 0;
const uniqueName = () => `advocate-db-test-${++n}-${Math.random()}`;

describe('database', () => {
  it('creates every store and index at the current version', async () => {
    const handle = new DbHandle({ name: uniqueName() });
    const db = await handle.get();
    expect(db.version).toBe(DB_VERSION);
    expect(MIGRATIONS).toHaveLength(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['catalogs', 'deals', 'meta', 'referrals', 'secrets', 'stats', 'vendors']);
    expect([...db.transaction('referrals').store.indexNames].sort()).toEqual(['by-created', 'by-sync', 'by-vendor-sync']);
    await handle.close();
  });

  it('an open connection steps aside for a newer version instead of blocking the upgrade', async () => {
    const name = uniqueName();
    const oldEvents: StorageEvent[] = [];
    const old = new DbHandle({ name, version: 1, onEvent: (e) => oldEvents.push(e) });
    const conn = await old.get();
    await conn.put('referrals', referralRecord());
    const newer = new DbHandle({ name, version: 2 });
    const upgraded = await newer.get(); // would hang forever if the old connection held on
    expect(upgraded.version).toBe(2);
    expect(await upgraded.count('referrals')).toBe(1); // nothing lost across the upgrade
    expect(oldEvents.map((e) => e.kind)).toContain('closed-for-upgrade');
    await newer.close();
  });

  it('version 2 tells each item of an enrolled vendor where it goes; items of a vendor left before stay as they were', async () => {
    const name = uniqueName();
    const old = new DbHandle({ name, version: 1 });
    const v1 = await old.get();
    await v1.put('vendors', vendorRecord('acme', 'https://vendor.test/advocate'));
    const v1Record = (vendorId: string) => {
      const { origin: _o, practitioner: _p, ...record } = referralRecord(vendorId); // version 1 had neither
      return record;
    };
    const pending = v1Record('acme');
    const parked = { ...v1Record('acme'), sync: 'parked' as const, error: 'Unknown offer' };
    const orphan = { ...v1Record('gone-vendor'), sync: 'parked' as const, error: 'You left' };
    for (const r of [pending, parked, orphan]) await v1.put('referrals', r);
    await old.close();
    const handle = new DbHandle({ name, version: 2 });
    const v2 = await handle.get();
    expect(await v2.get('referrals', pending.id)).toMatchObject({ origin: 'https://vendor.test', practitioner: 7, sync: 'pending' });
    expect(await v2.get('referrals', parked.id)).toMatchObject({ origin: 'https://vendor.test', parkedFor: 'vendor' });
    expect(await v2.get('referrals', orphan.id)).toEqual(orphan);
    expect(await v2.countFromIndex('referrals', 'by-sync', IDBKeyRange.bound(['parked', ''], ['parked', '\uffff']))).toBe(2);
    await handle.close();
  });

  it('reports a blocked upgrade and completes it once the old holder lets go', async () => {
    const name = uniqueName();
    // An old page that ignores versionchange: the worst case.
    const stubborn = await openDB(name, 1, { upgrade: (db, _old, _new, tx) => MIGRATIONS[0]!(db as never, tx as never) });
    const health = new StorageHealth(() => START);
    const events: StorageEvent[] = [];
    let blocked!: () => void;
    const wasBlocked = new Promise<void>((r) => (blocked = r));
    const handle = new DbHandle({ name, version: 2, onEvent: (e) => (events.push(e), health.onStorageEvent(e), e.kind === 'blocked' && blocked()) });
    let opened = false;
    const pending = handle.get().then((db) => ((opened = true), db));
    await wasBlocked;
    expect(opened).toBe(false);
    expect(events.map((e) => e.kind)).toEqual(['blocked']);
    expect(health.list().map((p) => p.code)).toEqual(['storage-blocked']);
    stubborn.close();
    expect((await pending).version).toBe(2);
    expect(health.list()).toEqual([]);
    await handle.close();
  });

  it('a database closed by the browser is reported, then reopened on next use with nothing lost', async () => {
    const events: StorageEvent[] = [];
    const health = new StorageHealth(() => START);
    const handle = new DbHandle({ name: uniqueName(), onEvent: (e) => (events.push(e), health.onStorageEvent(e)) });
    const first = await handle.get();
    const stored = referralRecord();
    await first.put('referrals', stored);
    forceCloseDatabase(unwrap(first) as never);
    expect(events.map((e) => e.kind)).toContain('terminated');
    expect(health.list().map((p) => p.code)).toEqual(['storage-closed']);
    const second = await handle.get();
    expect(second).not.toBe(first);
    expect(await second.get('referrals', stored.id)).toEqual(stored);
    expect(health.list()).toEqual([]);
    await handle.close();
  });

  it('a failed open is retried on the next call', async () => {
    const name = uniqueName();
    const newer = new DbHandle({ name, version: 3 });
    await (await newer.get()).close();
    const older = new DbHandle({ name, version: 1 });
    await expect(older.get()).rejects.toMatchObject({ name: 'VersionError' });
    await expect(older.get()).rejects.toMatchObject({ name: 'VersionError' }); // tried again, not a cached failure
  });
});

describe('storage problems', () => {
  it('survive a worker restart through session storage and clear when resolved', async () => {
    const { installI18n, removeI18n } = await import('../../messages');
    installI18n(); // the worker words the problem with chrome.i18n: English here
    onTestFinished(removeI18n);
    const { MemorySession } = await import('./world');
    const session = new MemorySession();
    const first = new StorageHealth(() => START, undefined, session);
    first.writeFailed(new DOMException('full', 'QuotaExceededError'));
    await new Promise((r) => setTimeout(r, 0));
    const restarted = new StorageHealth(() => START, undefined, session);
    await restarted.restore();
    expect(restarted.list()).toEqual([expect.objectContaining({ code: 'storage-full', message: expect.stringMatching(/nothing already saved was lost/) })]);
    restarted.writeSucceeded();
    await new Promise((r) => setTimeout(r, 0));
    const again = new StorageHealth(() => START, undefined, session);
    await again.restore();
    expect(again.list()).toEqual([]);
  });
});
