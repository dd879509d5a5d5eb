// What command handlers and other worker code may use. The worker entry (./index.ts) builds the
// real ones; tests build them over fake-indexeddb and a scripted vendor.
import type { CatalogIndexCache } from './catalog-index';
import type { DbHandle } from './db';
import type { StorageHealth } from './health';
import type { LocalData } from './local-data';
import type { GrantedSites } from './sites';
import type { TabAccess } from './tab-access';
import type { Toolbar } from './toolbar';
import type { Syncer } from './sync';
import type { TabMemory } from './tabs';
import type { Fetch } from './vendor-http';

export interface Services {
  db: DbHandle;
  fetch: Fetch;
  now: () => number;
  timeoutMs?: number;
  syncer: Syncer;
  health: StorageHealth;
  catalogs: CatalogIndexCache;
  tabs: TabMemory;
  client: { name: string; version: string };
  /** Starts a sync without waiting for it (after a create, a retry, an enrolment, coming online). */
  kick: () => void;
  refreshBadge: () => void;
  /** The toolbar icon's per-tab title and icon. */
  toolbar: Toolbar;
  /** One-time reading of a tab after a toolbar click, injection after a grant, opening the popup. */
  tabAccess: TabAccess;
  /** The sites granted with "Suggest on this site". */
  sites: GrantedSites;
  /** The content script's own sites (manifest.json plus the catalog's): no grant is needed there. */
  declaredMatches: readonly string[];
  /** storage.local/session, alarms and tab badges, emptied by data.deleteAll. */
  local: LocalData;
}
