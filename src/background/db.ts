// The extension's IndexedDB (extension origin: content scripts cannot read it, so secrets live
// here, never in chrome.storage.local). Versioned upgrades; an open connection closes itself
// when a newer version wants the database, so an upgrade never hangs on an old worker or page.
import { t } from '../ui/i18n';
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { Lazy } from './lazy';
import type { VendorSyncState } from '../core/sync/state';
import type { CredentialView, ProblemView, VendorView, SettingsView, SyncState } from '../core/messages/views';
import * as v from 'valibot';
import type { Catalog } from '../core/catalog';
import type { StatsResponse } from '../core/protocol/stats';
import { DealSchema } from '../core/referral/deal';
import { ReferralSchema } from '../core/referral/referral';
import { instant, parseWebUrl, slug, uuid, webUrl } from '../core/schema';

export const DB_NAME = 'advocate';
export const DB_VERSION = 2;

/** `endpoint` is the vendor's base URL without a trailing slash. */
export interface VendorRecord extends Pick<VendorView, 'id' | 'name' | 'homepage' | 'endpoint' | 'enrolledAt' | 'practitioner'> {
  /** The vendor's published key; `did` and `publicKeyMultibase` from endpoints that issue Open Badges 3.0 credentials. */
  issuer: { id: string; publicKeyJwk: unknown; keyId: string; did?: string; publicKeyMultibase?: string };
  credentials: unknown[];
  credentialStatuses: CredentialView[];
  /** Credential ids seen revoked (the plain list or a status list); revocation is for good. */
  revoked?: string[];
  /** Why a credential's revocation could not be checked, by credential id. */
  statusProblems?: Record<string, string>;
  sync: VendorSyncState;
  statsFetchedAt?: number;
  catalogCheckedAt?: number;
}

export interface SecretRecord {
  vendorId: string;
  accessToken: string;
  /** base64url of the 32-byte referral-signing secret. */
  referralSecret: string;
}

export const SYNC_STATES = ['pending', 'synced', 'parked', 'held'] as const satisfies readonly SyncState[];
/** Why a parked item waits: the vendor refused it (a retry may succeed once the vendor changed), or it belongs to another enrolment (it cannot). */
export const PARKED_FOR = ['vendor', 'identity'] as const;
export type ParkedFor = (typeof PARKED_FOR)[number];

const origin = v.pipe(v.string('origin must be text'), v.check((s) => parseWebUrl(s)?.origin === s, 'origin must be a web origin such as https://vendor.example'));

// One schema for an outbox record (the stored form; an export file holds the same), its type derived.
const outboxEntries = {
  id: uuid('id'),
  vendorId: slug('vendorId'),
  /** pending → synced; parked (needs the practitioner); held (they left the vendor; sent if they enrol again there). */
  sync: v.picklist(SYNC_STATES, `sync must be one of ${SYNC_STATES.join(', ')}`),
  createdAt: instant('createdAt'),
  error: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  syncedAt: v.optional(instant('syncedAt')),
  parkedFor: v.optional(v.picklist(PARKED_FOR)),
  /** The endpoint origin and practitioner number it was made for: it is delivered there or nowhere. */
  origin: v.optional(origin),
  practitioner: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff))),
};
const SAME_IDS = 'the record and its item must have the same id and vendor';
const sameIds = <T extends { id: string; vendorId: string; item: { id: string; vendorId: string } }>() => v.check<T, string>((r) => r.id === r.item.id && r.vendorId === r.item.vendorId, SAME_IDS);

export const ReferralRecordSchema = v.pipe(
  v.object({
    ...outboxEntries,
    link: webUrl('link'),
    /** Fingerprint of the referral secret its code was made under (see identity.ts). */
    secretTag: v.optional(v.pipe(v.string(), v.maxLength(64))),
    item: ReferralSchema,
  }),
  sameIds(),
);
export type ReferralRecord = v.InferOutput<typeof ReferralRecordSchema>;

export const DealRecordSchema = v.pipe(v.object({ ...outboxEntries, item: DealSchema }), sameIds());
export type DealRecord = v.InferOutput<typeof DealRecordSchema>;
export type OutboxStore = 'referrals' | 'deals';

export interface StatsRecord {
  vendorId: string;
  stats: StatsResponse;
  fetchedAt: number;
}

export interface CatalogRecord {
  vendorId: string;
  catalog: Catalog;
  etag?: string;
  fetchedAt: number;
  /** Last refresh failure; the stored catalog stays in use. */
  error?: string;
}

export interface MetaValues {
  settings: SettingsView;
  /** Problems the practitioner must see (vendors.list, activity.get, badge). */
  problems: ProblemView[];
  /** Total conversions across vendors when the popup was last opened. */
  conversionsSeen: number;
}

export interface AdvocateSchema extends DBSchema {
  vendors: { key: string; value: VendorRecord };
  secrets: { key: string; value: SecretRecord };
  referrals: { key: string; value: ReferralRecord; indexes: OutboxIndexes };
  deals: { key: string; value: DealRecord; indexes: OutboxIndexes };
  stats: { key: string; value: StatsRecord };
  catalogs: { key: string; value: CatalogRecord };
  meta: { key: keyof MetaValues; value: MetaValues[keyof MetaValues] };
}

type OutboxIndexes = {
  'by-vendor-sync': [string, string, string];
  'by-created': string;
  /** Counts and lists by state (unsynced, parked, held) without reading every record. */
  'by-sync': [string, string];
};

export type Db = IDBPDatabase<AdvocateSchema>;

type Upgrade = (db: IDBPDatabase<AdvocateSchema>, tx: IDBPTransaction<AdvocateSchema, StoreNames<AdvocateSchema>[], 'versionchange'>) => void;

/** MIGRATIONS[n] takes the database from version n to n + 1. Never edit a shipped step. */
export const MIGRATIONS: Upgrade[] = [
  (db) => {
    db.createObjectStore('vendors', { keyPath: 'id' });
    db.createObjectStore('secrets', { keyPath: 'vendorId' });
    for (const name of ['referrals', 'deals'] as const) {
      const store = db.createObjectStore(name, { keyPath: 'id' });
      store.createIndex('by-vendor-sync', ['vendorId', 'sync', 'createdAt']);
      store.createIndex('by-created', 'createdAt');
    }
    db.createObjectStore('stats', { keyPath: 'vendorId' });
    db.createObjectStore('catalogs', { keyPath: 'vendorId' });
    db.createObjectStore('meta');
  },
  // 1 → 2: a by-sync index; each outbox item learns the origin and practitioner it was made for.
  (_db, tx) => {
    for (const name of ['referrals', 'deals'] as const) tx.objectStore(name).createIndex('by-sync', ['sync', 'createdAt']);
    void tx.objectStore('vendors').getAll().then((vendors) => {
      const byId = new Map(vendors.map((v) => [v.id, v]));
      for (const name of ['referrals', 'deals'] as const) {
        const store = tx.objectStore(name);
        void store.openCursor().then(function step(cursor): Promise<void> | undefined {
          if (!cursor) return;
          const vendor = byId.get(cursor.value.vendorId);
          if (vendor && cursor.value.origin === undefined) {
            void cursor.update({ ...cursor.value, origin: new URL(vendor.endpoint).origin, practitioner: vendor.practitioner.number, ...(cursor.value.sync === 'parked' ? { parkedFor: 'vendor' as const } : {}) });
          }
          return cursor.continue().then(step);
        });
      }
    });
  },
];

export type StorageEvent =
  | { kind: 'blocked' } // an older connection (another context) has not let go yet
  | { kind: 'closed-for-upgrade' } // we let a newer version in
  | { kind: 'terminated' } // the browser closed the database (storage cleared, disk error)
  | { kind: 'opened' };

export interface OpenOptions {
  name?: string;
  version?: number;
  onEvent?: (event: StorageEvent) => void;
}

/**
 * One lazily opened connection that reopens after the browser or an upgrade closed it. Every
 * caller asks `get()` for each transaction instead of keeping the connection.
 */
export class DbHandle {
  private readonly connection = new Lazy(() => this.open());
  private generation = 0;

  constructor(private readonly options: OpenOptions = {}) {}

  get(): Promise<Db> {
    return this.connection.get();
  }

  async close(): Promise<void> {
    const current = this.connection.resetIf();
    if (current) (await current.catch(() => null))?.close();
  }

  private async open(): Promise<Db> {
    const { name = DB_NAME, version = DB_VERSION, onEvent } = this.options;
    // Only the newest connection may clear the shared one: an old connection's late event
    // must not drop a newer, healthy connection.
    const generation = ++this.generation;
    const forget = () => {
      if (this.generation === generation) this.connection.resetIf();
    };
    const opening = openDB<AdvocateSchema>(name, version, {
      upgrade(db, oldVersion, newVersion, tx) {
        for (let v = oldVersion; v < (newVersion ?? version); v++) MIGRATIONS[v]?.(db, tx);
      },
      blocked: () => onEvent?.({ kind: 'blocked' }),
      blocking: () => {
        // A newer version is waiting for us: get out of its way; the next get() reopens.
        void opening.then((db) => {
          db.close();
          forget();
          onEvent?.({ kind: 'closed-for-upgrade' });
        });
      },
      terminated: () => {
        forget();
        onEvent?.({ kind: 'terminated' });
      },
    });
    const db = await opening;
    onEvent?.({ kind: 'opened' });
    return db;
  }
}

/** Storage errors the practitioner must hear about, with a sentence they understand. */
export function describeStorageError(error: unknown): { code: 'storage-full' | 'storage-closed' | 'storage-error'; message: string } {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') {
    return { code: 'storage-full', message: t('storageFull') };
  }
  if (name === 'InvalidStateError' || name === 'UnknownError' || name === 'AbortError') {
    return { code: 'storage-closed', message: t('storageClosed') };
  }
  return { code: 'storage-error', message: t('storageError', error instanceof Error ? error.message : String(error)) };
}
