// The durable outbox: referrals and deals wait here until their vendor has accepted them.
// Inside a transaction we await only the transaction's own requests, so it never auto-commits
// early. Writes the practitioner waits on use strict durability (on disk before we answer).
import type { SyncState } from '../core/messages/views';
import type { BatchVerdict } from '../core/sync/batch';
import type { Db, DealRecord, OutboxStore, ReferralRecord } from './db';

type OutboxRecord = ReferralRecord | DealRecord;
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
    ...verdict.rejected.map(({ id, error }) => ({ id, patch: { sync: 'parked' as const, error } })),
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

/** Puts a parked item back in the queue. False when no parked item has that id. */
export async function requeue(db: Db, id: string): Promise<boolean> {
  for (const store of ['referrals', 'deals'] as const) {
    const tx = db.transaction(store, 'readwrite', STRICT);
    const record = await tx.store.get(id);
    if (record && record.sync === 'parked') {
      const next = { ...record, sync: 'pending' as const };
      delete next.error;
      await Promise.all([tx.store.put(next as never), tx.done]);
      return true;
    }
    await tx.done;
  }
  return false;
}

/** Parks every pending item of a vendor (the practitioner left it); history is kept. */
export async function parkAllPending(db: Db, vendorId: string, error: string): Promise<void> {
  for (const store of ['referrals', 'deals'] as const) {
    const tx = db.transaction(store, 'readwrite', STRICT);
    const pending = await tx.store.index('by-vendor-sync').getAll(range(vendorId, 'pending'));
    await Promise.all([...pending.map((r) => tx.store.put({ ...r, sync: 'parked', error } as never)), tx.done]);
  }
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
