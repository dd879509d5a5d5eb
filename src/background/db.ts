// The extension's IndexedDB (extension origin: content scripts cannot read it, so secrets live
// here, never in chrome.storage.local). Versioned upgrades; an open connection closes itself
// when a newer version wants the database, so an upgrade never hangs on an old worker or page.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { Lazy } from './lazy';
import type { VendorSyncState } from '../core/sync/state';
import type { CredentialView, ProblemView, VendorView, SettingsView, SyncState } from '../core/messages/views';
import type { Catalog } from '../core/catalog';
import type { StatsResponse } from '../core/protocol/stats';
import type { Deal } from '../core/referral/deal';
import type { Referral } from '../core/referral/referral';

export const DB_NAME = 'advocate';
export const DB_VERSION = 1;

/** `endpoint` is the vendor's base URL without a trailing slash. */
export interface VendorRecord extends Pick<VendorView, 'id' | 'name' | 'homepage' | 'endpoint' | 'enrolledAt' | 'practitioner'> {
  issuer: { id: string; publicKeyJwk: unknown; keyId: string };
  credentials: unknown[];
  credentialStatuses: CredentialView[];
  /** The vendor's revoked credential ids, as last fetched. */
  revoked?: string[];
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

interface OutboxFields {
  id: string;
  vendorId: string;
  sync: SyncState;
  createdAt: string;
  error?: string;
  syncedAt?: string;
}
export interface ReferralRecord extends OutboxFields {
  item: Referral;
  link: string;
}
export interface DealRecord extends OutboxFields {
  item: Deal;
}
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
  referrals: { key: string; value: ReferralRecord; indexes: { 'by-vendor-sync': [string, string, string]; 'by-created': string } };
  deals: { key: string; value: DealRecord; indexes: { 'by-vendor-sync': [string, string, string]; 'by-created': string } };
  stats: { key: string; value: StatsRecord };
  catalogs: { key: string; value: CatalogRecord };
  meta: { key: keyof MetaValues; value: MetaValues[keyof MetaValues] };
}

export type Db = IDBPDatabase<AdvocateSchema>;

type Upgrade = (db: IDBPDatabase<AdvocateSchema>) => void;

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
      upgrade(db, oldVersion, newVersion) {
        for (let v = oldVersion; v < (newVersion ?? version); v++) MIGRATIONS[v]?.(db);
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
    return { code: 'storage-full', message: 'The browser has no room left for Advocate’s data. Free some disk space or clear other site data; nothing already saved was lost.' };
  }
  if (name === 'InvalidStateError' || name === 'UnknownError' || name === 'AbortError') {
    return { code: 'storage-closed', message: 'The browser closed Advocate’s database. Nothing already saved was lost; try again.' };
  }
  return { code: 'storage-error', message: `Advocate could not save: ${error instanceof Error ? error.message : String(error)}` };
}
