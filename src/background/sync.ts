// Delivers the outbox to each vendor and pulls back stats and catalogs. All I/O is injected
// (fetch, clock, random, lock, database) so tests drive every failure. State lives in
// IndexedDB: a worker killed at any point resumes where it stopped; an item becomes 'synced'
// only after its vendor's answer names it, and client ids make resending harmless.
import * as v from 'valibot';
import { GarbageResultsError, halves, MAX_BATCH, readResults } from '../core/sync/batch';
import type { AttemptOutcome } from '../core/sync/classify';
import { afterFailure, afterSuccess, initialSyncState, isDue, maySync, type VendorSyncState } from '../core/sync/state';
import type { BackoffPolicy } from '../core/sync/backoff';
import type { SyncReportView } from '../core/messages/views';
import type { DbHandle, OutboxStore, VendorRecord, DealRecord, ReferralRecord } from './db';
import { originOf } from './identity';
import { applyVerdict, holdItems, pendingFor } from './outbox';
import { BatchResponseSchema } from '../core/protocol/ingest';
import { StatsResponseSchema } from '../core/protocol/stats';
import { callVendor, vendorUrl, type Fetch } from './vendor-http';
import { refreshCatalog } from './catalogs';
import { refreshCredentials } from './credentials';
import { t, tn } from '../ui/i18n';

type Failure = Exclude<AttemptOutcome, { kind: 'ok' }>;

/** Runs `task` once no other context holds the sync lock (Web Locks in the worker). */
export type LockRunner = <T>(task: () => Promise<T>) => Promise<T>;

export interface SyncDeps {
  db: DbHandle;
  fetch: Fetch;
  now: () => number;
  random: () => number;
  withLock: LockRunner;
  timeoutMs?: number;
  backoff?: BackoffPolicy;
  statsIntervalMs?: number;
  catalogIntervalMs?: number;
  /** Items per request; at most (and by default) the protocol's 100. */
  batchSize?: number;
  /** Batches per vendor per run, so one run fits in a service worker event. */
  maxBatchesPerRun?: number;
  onChange?: () => void;
  /** A vendor's catalog changed (the compiled index must follow). */
  onCatalogChange?: () => void;
}

export const STATS_INTERVAL_MS = 5 * 60_000;
export const CATALOG_INTERVAL_MS = 6 * 60 * 60_000;

const ROUTES: Record<OutboxStore, { path: string; field: 'referrals' | 'deals' }> = {
  referrals: { path: '/v1/referrals', field: 'referrals' },
  deals: { path: '/v1/deals', field: 'deals' },
};

interface RunCounters {
  sent: number;
  accepted: number;
  parked: number;
}

export function createSyncer(deps: SyncDeps) {
  const { db: handle, now } = deps;
  const iso = () => new Date(now()).toISOString();

  async function token(vendorId: string): Promise<string | undefined> {
    return (await (await handle.get()).get('secrets', vendorId))?.accessToken;
  }

  /** Read-modify-write of a vendor that does nothing if the vendor was removed meanwhile. */
  async function updateVendor(vendorId: string, change: (vendor: VendorRecord) => VendorRecord): Promise<void> {
    const db = await handle.get();
    const tx = db.transaction('vendors', 'readwrite');
    const vendor = await tx.store.get(vendorId);
    await Promise.all([vendor ? tx.store.put(change(vendor)) : undefined, tx.done]);
  }

  const setSync = (vendorId: string, next: (s: VendorSyncState) => VendorSyncState) =>
    updateVendor(vendorId, (vendor) => ({ ...vendor, sync: next(vendor.sync) }));

  /** Sends one batch; splits a refused batch in halves down to the single item to park. */
  async function sendItems(vendor: VendorRecord, accessToken: string, store: OutboxStore, items: (ReferralRecord | DealRecord)[], counters: RunCounters): Promise<Failure | null> {
    const route = ROUTES[store];
    counters.sent += items.length;
    const answer = await callVendor({
      fetch: deps.fetch,
      url: vendorUrl(vendor.endpoint, route.path),
      method: 'POST',
      token: accessToken,
      body: { [route.field]: items.map((r) => r.item) },
      timeoutMs: deps.timeoutMs,
      nowMs: now(),
    });
    if (!answer.ok && answer.outcome.kind === 'request-rejected') {
      if (items.length === 1) {
        await applyVerdict(await handle.get(), store, { accepted: [], rejected: [{ id: items[0]!.id, error: answer.outcome.reason }], unanswered: [] }, iso());
        counters.parked++;
        return null;
      }
      for (const half of halves(items)) {
        const failure = await sendItems(vendor, accessToken, store, half, counters);
        if (failure) return failure;
      }
      return null;
    }
    if (!answer.ok) return answer.outcome;
    const parsed = v.safeParse(BatchResponseSchema, answer.json);
    if (!parsed.success) return { kind: 'retry', reason: t('syncResultsUnknown'), retryAfterMs: null };
    let verdict;
    try {
      verdict = readResults(items.map((r) => r.id), parsed.output.results, t);
    } catch (error) {
      if (error instanceof GarbageResultsError) return { kind: 'retry', reason: t(error.kind === 'stray' ? 'syncResultsStray' : 'syncResultsContradicting', error.itemId), retryAfterMs: null };
      throw error;
    }
    await applyVerdict(await handle.get(), store, verdict, iso());
    counters.accepted += verdict.accepted.length;
    counters.parked += verdict.rejected.length;
    if (verdict.unanswered.length > 0) {
      return { kind: 'retry', reason: tn('syncUnanswered', verdict.unanswered.length), retryAfterMs: null };
    }
    return null;
  }

  async function pushOutbox(vendor: VendorRecord, accessToken: string, counters: RunCounters): Promise<Failure | null> {
    const maxBatches = deps.maxBatchesPerRun ?? 20;
    for (const store of ['referrals', 'deals'] as const) {
      for (let n = 0; n < maxBatches; n++) {
        const found = await pendingFor(await handle.get(), store, vendor.id, Math.min(deps.batchSize ?? MAX_BATCH, MAX_BATCH));
        if (found.length === 0) break;
        // Never to another endpoint than the one an item was made for.
        const origin = originOf(vendor.endpoint);
        const strays = found.filter((r) => r.origin !== undefined && r.origin !== origin);
        if (strays.length > 0) {
          await holdItems(await handle.get(), store, strays.map((r) => r.id), t('syncHeldElsewhere', vendor.name, strays[0]!.origin ?? '', origin));
        }
        const batch = found.filter((r) => !strays.includes(r));
        if (batch.length === 0) continue;
        const failure = await sendItems(vendor, accessToken, store, batch, counters);
        deps.onChange?.();
        if (failure) return failure;
      }
    }
    return null;
  }

  async function pullStats(vendor: VendorRecord, accessToken: string): Promise<Failure | null> {
    const answer = await callVendor({ fetch: deps.fetch, url: vendorUrl(vendor.endpoint, '/v1/stats'), token: accessToken, timeoutMs: deps.timeoutMs, nowMs: now() });
    if (!answer.ok) return answer.outcome;
    const parsed = v.safeParse(StatsResponseSchema, answer.json);
    if (!parsed.success) return { kind: 'retry', reason: t('syncStatsUnknown'), retryAfterMs: null };
    const fetchedAt = now();
    const db = await handle.get();
    await db.put('stats', { vendorId: vendor.id, stats: parsed.output, fetchedAt });
    await updateVendor(vendor.id, (current) => ({ ...current, statsFetchedAt: fetchedAt }));
    return null;
  }

  async function syncVendor(vendorId: string, force: boolean, counters: RunCounters): Promise<void> {
    const vendor = await (await handle.get()).get('vendors', vendorId);
    if (!vendor || !maySync(vendor.sync, now(), force)) return;
    const accessToken = await token(vendorId);
    if (!accessToken) {
      await setSync(vendorId, (s) => afterFailure(s, { kind: 'reenrol', reason: t('syncTokenMissing') }, now(), deps.random, deps.backoff));
      return;
    }
    const accepted = counters.accepted;
    let failure = await pushOutbox(vendor, accessToken, counters);
    // Sync now also refreshes clicks and conversions: that is what the practitioner asked to see.
    if (!failure && (force || counters.accepted > accepted || isDue(vendor.statsFetchedAt, now(), deps.statsIntervalMs ?? STATS_INTERVAL_MS))) {
      failure = await pullStats(vendor, accessToken);
    }
    if (failure) await setSync(vendorId, (s) => afterFailure(s, failure, now(), deps.random, deps.backoff));
    else await setSync(vendorId, (s) => afterSuccess(s, now()));
    if (!failure && isDue(vendor.catalogCheckedAt, now(), deps.catalogIntervalMs ?? CATALOG_INTERVAL_MS)) {
      const refreshed = await refreshCatalog({ db: handle, fetch: deps.fetch, now, timeoutMs: deps.timeoutMs }, vendor);
      if (refreshed.kind === 'updated' && refreshed.changed) deps.onCatalogChange?.();
      await refreshCredentials({ db: handle, fetch: deps.fetch, now, timeoutMs: deps.timeoutMs }, vendor);
    }
  }

  /** A vendor whose sync throws (a corrupt record, a storage error) is marked failing; the others go on. */
  async function syncVendorSafely(vendorId: string, force: boolean, counters: RunCounters): Promise<void> {
    try {
      await syncVendor(vendorId, force, counters);
    } catch (error) {
      const reason = t('syncInternal', error instanceof Error ? error.message : String(error));
      await setSync(vendorId, (s) => afterFailure({ ...initialSyncState(), ...(typeof s === 'object' ? s : {}) }, { kind: 'retry', reason, retryAfterMs: null }, now(), deps.random, deps.backoff)).catch(() => {});
    }
  }

  async function run(force: boolean): Promise<SyncReportView> {
    const counters: RunCounters = { sent: 0, accepted: 0, parked: 0 };
    await deps.withLock(async () => {
      const ids = await (await handle.get()).getAllKeys('vendors');
      for (const id of ids) await syncVendorSafely(id, force, counters);
    });
    deps.onChange?.();
    const vendors = await (await handle.get()).getAll('vendors');
    return {
      ...counters,
      vendors: vendors.map((vendor) => ({ vendorId: vendor.id, status: vendor.sync.status, ...(vendor.sync.lastError && vendor.sync.status !== 'ok' ? { error: vendor.sync.lastError } : {}) })),
    };
  }

  let running: Promise<SyncReportView> | null = null;
  let next: { force: boolean; report: Promise<SyncReportView> } | null = null;

  /**
   * One pass over every vendor. `force` (Sync now, a new referral) ignores backoff waits. A call
   * while a pass runs is not dropped: it is answered by one more pass right after (calls made
   * meanwhile share it), so whatever was stored before the call is tried.
   */
  function syncAll(options: { force?: boolean } = {}): Promise<SyncReportView> {
    const force = options.force ?? false;
    if (!running) {
      const pass = run(force).finally(() => {
        running = null;
      });
      running = pass;
      return pass;
    }
    if (next) {
      next.force ||= force;
      return next.report;
    }
    const queued = { force, report: null as unknown as Promise<SyncReportView> };
    queued.report = running
      .catch(() => undefined)
      .then(() => {
        next = null;
        return syncAll({ force: queued.force });
      });
    next = queued;
    return queued.report;
  }

  return { syncAll };
}

export type Syncer = ReturnType<typeof createSyncer>;
