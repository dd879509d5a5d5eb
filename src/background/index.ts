// Service worker entry. Listeners are registered synchronously at top level so a worker woken
// by an event sees its listener. No dynamic import() and no DOM code anywhere in this graph
// (Vite 8 / Rolldown can otherwise stop the worker from registering).
import { createBadgeUpdater } from './badge';
import { handleContextMenuClicks, installContextMenus } from './context-menu';
import { CatalogIndexCache } from './catalog-index';
import { DbHandle } from './db';
import { createHandlers } from './handlers';
import { StorageHealth } from './health';
import { createRouter, isCommandMessage } from './router';
import { createSyncer, type LockRunner } from './sync';
import { TabMemory } from './tabs';

const SYNC_ALARM = 'advocate-sync';
const now = () => Date.now();

let refreshBadge: () => void = () => {};
const health = new StorageHealth(now, () => refreshBadge(), chrome.storage.session);
void health.restore();
const db = new DbHandle({ onEvent: health.onStorageEvent });
const badge = createBadgeUpdater(db, health, chrome.action);
refreshBadge = () => void badge.refresh();

/** One sync at a time across the worker and every extension page (Web Locks). */
const withLock: LockRunner = async <T>(task: () => Promise<T>) => {
  let outcome: { ran: true; value: T } | { ran: false } = { ran: false };
  await navigator.locks.request('advocate-sync', { ifAvailable: true }, async (lock) => {
    if (lock) outcome = { ran: true, value: await task() };
  });
  return outcome;
};

const syncer = createSyncer({ db, fetch: (input, init) => fetch(input, init), now, random: Math.random, withLock, onChange: refreshBadge });
const kick = () => void syncer.syncAll({ force: true }).catch(() => {});

// The content script looks up an ordinary page only when the catalog names its host; it reads
// this public list from storage.local instead of waking the worker on every page.
const CATALOG_HOSTS_KEY = 'advocate:catalog-hosts';
const catalogs = new CatalogIndexCache(db, (siteKeys) => {
  void chrome.storage.local.set({ [CATALOG_HOSTS_KEY]: Object.fromEntries(siteKeys.map((k) => [k, 1])) });
});
void catalogs.get(); // publish at every start

const handlers = createHandlers({
  db,
  fetch: (input, init) => fetch(input, init),
  now,
  syncer,
  health,
  catalogs,
  tabs: new TabMemory(chrome.storage.session),
  client: { name: 'Advocate', version: chrome.runtime.getManifest().version },
  kick,
  refreshBadge,
});

const route = createRouter(handlers, {
  extensionId: chrome.runtime.id,
  extensionOrigin: chrome.runtime.getURL(''),
  optionsUrl: chrome.runtime.getURL('src/options/index.html'),
}, health);

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!isCommandMessage(message)) return false;
  void route(message, sender).then(sendResponse);
  return true; // answer asynchronously
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === SYNC_ALARM) void syncer.syncAll().catch(() => {});
});
chrome.tabs.onRemoved.addListener((tabId) => void new TabMemory(chrome.storage.session).forget(tabId));
handleContextMenuClicks(handlers, () => catalogs.get());
chrome.runtime.onStartup.addListener(() => kick());
chrome.runtime.onInstalled.addListener(() => {
  installContextMenus();
  kick();
});
self.addEventListener('online', () => kick());

// Checked at every start and re-created when missing (alarms can be lost on update or browser
// restart). Not replaced when present: a worker woken often would otherwise keep pushing it back.
// Chrome's minimum period is 30 s.
void chrome.alarms.get(SYNC_ALARM).then((alarm) => {
  if (!alarm) return chrome.alarms.create(SYNC_ALARM, { periodInMinutes: 1, delayInMinutes: 0.5 });
});
refreshBadge();
