// The durable outbox: referrals and deals wait here until their vendor has accepted them.
// Inside a transaction we await only the transaction's own requests, so it never auto-commits
// early. Writes the practitioner waits on use strict durability (on disk before we answer).
import type { SyncState } from '../core/messages/views';
import type { BatchVerdict } from '../core/sync/batch';
import type { Db, DealRecord, OutboxStore, ReferralRecord, VendorRecord } from './db';
import { originOf } from './identity';

export type OutboxRecord = ReferralRecord | DealRecord;
type RecordOf<S extends OutboxStore> = S extends 'referrals' ? ReferralRecord : DealRecord;

const STRICT = { durability: 'strict' } as const;

/** Stores a new item; resolves only once the browser reports it durable. */
export async function commitNew<S extends OutboxStore>(db: Db, store: S, record: RecordOf<S>): Promise<void> {
  const tx = db.transaction(store, 'readwrite', STRICT);
  await Promise.all([tx.store.add(record as never), tx.done]);
}

/** Adds items that are not there yet (import). Returns how many were added. */
export async function addMissing<S extends OutboxStore>(db: Db, store: S, records: RecordOf<S>[]): Promise<number> {
  const tx = db.transaction(store, 'readwrite', STRICT);
  const existing = await Promise.all(records.map((r) => tx.store.getKey(r.id)));
  const fresh = records.filter((_, i) => existing[i] === undefined);
  await Promise.all([...fresh.map((r) => tx.store.put(r as never)), tx.done]);
  return fresh.length;
}

const range = (vendorId: string, sync: SyncState) => IDBKeyRange.bound([vendorId, sync, ''], [vendorId, sync, '\uffff']);
const inStateRange = (sync: SyncState) => IDBKeyRange.bound([sync, ''], [sync, '\uffff']);
const STORES = ['referrals', 'deals'] as const;

/** Oldest pending items of one vendor first. */
export async function pendingFor<S extends OutboxStore>(db: Db, store: S, vendorId: string, limit: number): Promise<RecordOf<S>[]> {
  return (await db.getAllFromIndex(store, 'by-vendor-sync', range(vendorId, 'pending'), limit)) as RecordOf<S>[];
}

export async function countFor(db: Db, store: OutboxStore, vendorId: string, sync: SyncState): Promise<number> {
  return db.countFromIndex(store, 'by-vendor-sync', range(vendorId, sync));
}

/**
 * Applies a vendor's per-item answer. Only items still pending change, so a duplicated or late
 * answer cannot undo a later state (for example a retry the practitioner asked for).
 */
export async function applyVerdict(db: Db, store: OutboxStore, verdict: BatchVerdict, nowIso: string): Promise<void> {
  const tx = db.transaction(store, 'readwrite', STRICT);
  const changes: { id: string; patch: Partial<OutboxRecord> }[] = [
    ...verdict.accepted.map((id) => ({ id, patch: { sync: 'synced' as const, syncedAt: nowIso, error: undefined } })),
    ...verdict.rejected.map(({ id, error }) => ({ id, patch: { sync: 'parked' as const, error, parkedFor: 'vendor' as const } })),
  ];
  const current = await Promise.all(changes.map((c) => tx.store.get(c.id)));
  const writes = changes.flatMap((change, i) => {
    const record = current[i];
    if (!record || record.sync !== 'pending') return [];
    const next = { ...record, ...change.patch } as OutboxRecord;
    if (next.error === undefined) delete next.error;
    return [tx.store.put(next as never)];
  });
  await Promise.all([...writes, tx.done]);
}

/**
 * Whether a retry can succeed: only for an item its vendor refused (the vendor may have changed
 * what it accepts since), made for the enrolment the practitioner has now at that origin.
 */
export function canRetry(record: OutboxRecord, vendor: VendorRecord | undefined): boolean {
  return (
    record.sync === 'parked' &&
    record.parkedFor !== 'identity' &&
    vendor !== undefined &&
    (vendor.sync.status === 'ok' || vendor.sync.status === 'backoff') &&
    record.origin === originOf(vendor.endpoint)
  );
}

/** Puts a parked item back in the queue if `retryable` says a retry can succeed. False when there is no such item. */
export async function requeue(db: Db, id: string, retryable: (record: OutboxRecord) => boolean): Promise<boolean> {
  for (const store of STORES) {
    const tx = db.transaction(store, 'readwrite', STRICT);
    const record = await tx.store.get(id);
    if (record && record.sync === 'parked' && retryable(record)) {
      const next = { ...record, sync: 'pending' as const };
      delete next.error;
      delete next.parkedFor;
      await Promise.all([tx.store.put(next as never), tx.done]);
      return true;
    }
    await tx.done;
  }
  return false;
}

/** Deletes an item that will not be delivered (parked or held); delivered and pending items stay. */
export async function discard(db: Db, id: string): Promise<boolean> {
  for (const store of STORES) {
    const tx = db.transaction(store, 'readwrite', STRICT);
    const record = await tx.store.get(id);
    const gone = record !== undefined && (record.sync === 'parked' || record.sync === 'held');
    await Promise.all([gone ? tx.store.delete(id) : undefined, tx.done]);
    if (gone) return true;
  }
  return false;
}

/** The practitioner left a vendor: its undelivered items are kept, waiting for them to enrol there again. */
export async function holdAllPending(db: Db, vendorId: string, error: string): Promise<void> {
  for (const store of STORES) {
    const tx = db.transaction(store, 'readwrite', STRICT);
    const pending = await tx.store.index('by-vendor-sync').getAll(range(vendorId, 'pending'));
    await Promise.all([...pending.map((r) => tx.store.put({ ...r, sync: 'held', error } as never)), tx.done]);
  }
}

/** Holds pending items that belong to another endpoint than the one their vendor id is enrolled at now. */
export async function holdItems(db: Db, store: OutboxStore, ids: readonly string[], error: string): Promise<void> {
  const tx = db.transaction(store, 'readwrite', STRICT);
  const records = await Promise.all(ids.map((id) => tx.store.get(id)));
  await Promise.all([...records.flatMap((r) => (r?.sync === 'pending' ? [tx.store.put({ ...r, sync: 'held', error } as never)] : [])), tx.done]);
}

/** Where an enrolment delivers: the endpoint origin, the practitioner number, the referral secret's tag. */
export interface Route {
  origin: string;
  practitioner: number;
  secretTag: string;
}

/**
 * After an enrolment: items held for this vendor at this origin go back in the queue; those (and
 * pending ones) made for another practitioner or under another referral secret are parked with
 * `mismatch`'s explanation, since that vendor cannot credit them to this enrolment. Items made
 * for another origin are not touched: they never move to another endpoint.
 */
export async function releaseFor(db: Db, vendorId: string, route: Route, mismatch: (record: OutboxRecord) => string): Promise<{ released: number; parked: number }> {
  let released = 0;
  let parked = 0;
  for (const store of STORES) {
    const tx = db.transaction(store, 'readwrite', STRICT);
    const index = tx.store.index('by-vendor-sync');
    const [held, pending] = await Promise.all([index.getAll(range(vendorId, 'held')), index.getAll(range(vendorId, 'pending'))]);
    const writes: Promise<unknown>[] = [];
    for (const record of [...held, ...pending] as OutboxRecord[]) {
      if (record.origin !== undefined && record.origin !== route.origin) continue;
      const tag = 'secretTag' in record ? record.secretTag : undefined;
      const same = (record.practitioner === undefined || record.practitioner === route.practitioner) && (tag === undefined || tag === route.secretTag);
      if (same) {
        if (record.sync === 'pending') continue;
        const next = { ...record, sync: 'pending' as const, origin: route.origin, practitioner: route.practitioner };
        delete next.error;
        writes.push(tx.store.put(next as never));
        released++;
      } else {
        writes.push(tx.store.put({ ...record, sync: 'parked', parkedFor: 'identity', error: mismatch(record) } as never));
        parked++;
      }
    }
    await Promise.all([...writes, tx.done]);
  }
  return { released, parked };
}

/** Items of one state across vendors, oldest first (parked and held are few; never all records). */
export async function inState<S extends OutboxStore>(db: Db, store: S, sync: SyncState): Promise<RecordOf<S>[]> {
  return (await db.getAllFromIndex(store, 'by-sync', inStateRange(sync))) as RecordOf<S>[];
}

export async function countInState(db: Db, store: OutboxStore, sync: SyncState): Promise<number> {
  return db.countFromIndex(store, 'by-sync', inStateRange(sync));
}

/** Newest first. */
export async function recent<S extends OutboxStore>(db: Db, store: S, limit: number): Promise<RecordOf<S>[]> {
  const out: RecordOf<S>[] = [];
  let cursor = await db.transaction(store).store.index('by-created').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value as RecordOf<S>);
    cursor = await cursor.continue();
  }
  return out;
}

export async function allOf<S extends OutboxStore>(db: Db, store: S): Promise<RecordOf<S>[]> {
  return (await db.getAll(store)) as RecordOf<S>[];
}
