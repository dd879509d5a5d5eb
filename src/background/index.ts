// Service worker entry. Listeners are registered synchronously at top level so a worker woken
// by an event sees its listener. No dynamic import() and no DOM code anywhere in this graph
// (Vite 8 / Rolldown can otherwise stop the worker from registering).
import { isCommandMessage } from '../core/messages/envelope';
import { CONTENT_SCRIPT_FILE } from '../content/script-file';
import { createBadgeUpdater } from './badge';
import { CatalogIndexCache } from './catalog-index';
import { handleContextMenuClicks, installContextMenus, updateReplyMenu } from './context-menu';
import { DbHandle } from './db';
import { chromeLocalData } from './local-data';
import { StorageHealth } from './health';
import { createRouter } from './router';
import { isDecisionMoment, runContentScriptIfWorth, runContentScriptsInOpenTabs } from './page-scripts';
import { forgetPage } from './pages';
import type { Services } from './services';
import { chromeSiteSurface, GrantedSites } from './sites';
import { createSyncer } from './sync';
import { chromeTabAccess } from './tab-access';
import { TabMemory } from './tabs';
import { createToolbar } from './toolbar';

const SYNC_ALARM = 'advocate-sync';
// Chrome's minimum period is 30 s.
const SYNC_ALARM_INFO = { periodInMinutes: 1, delayInMinutes: 0.5 };
const now = () => Date.now();

let refreshBadge: () => void = () => {};
const health = new StorageHealth(now, () => refreshBadge(), chrome.storage.session);
void health.restore();
const db = new DbHandle({ onEvent: health.onStorageEvent });
const badge = createBadgeUpdater(db, health, chrome.action);
refreshBadge = () => void badge.refresh();

const fetchVendor: Services['fetch'] = (input, init) => fetch(input, init);

const catalogs = new CatalogIndexCache(db);
// Versions before the worker became the only detector kept the catalog's public host list there.
void chrome.storage.local.remove('advocate:catalog-hosts').catch(() => {});

const syncer = createSyncer({
  db,
  fetch: fetchVendor,
  now,
  random: Math.random,
  // One sync at a time across worker instances (a worker and its replacement during a restart).
  withLock: <T,>(task: () => Promise<T>) => navigator.locks.request('advocate-sync', task) as Promise<T>,
  onChange: refreshBadge,
  onCatalogChange: () => catalogs.invalidate(),
});
const kick = () => void syncer.syncAll({ force: true }).catch(() => {});

const manifest = chrome.runtime.getManifest();
const popupUrl = chrome.runtime.getURL(manifest.action?.default_popup ?? 'src/popup/index.html');
// The one content script: run by the worker on Advocate's sites where a page may match
// (./page-scripts.ts), registered for the granted ones, run once after a grant.
const contentScriptFile = CONTENT_SCRIPT_FILE;
const declaredMatches = manifest.host_permissions ?? [];
let grantedMatches: string[] = [];
const sites = new GrantedSites(chromeSiteSurface(contentScriptFile), (granted) => {
  grantedMatches = granted;
  updateReplyMenu([...declaredMatches, ...granted]);
});

const tabs = new TabMemory(chrome.storage.session);
const services: Services = {
  db,
  fetch: fetchVendor,
  now,
  syncer,
  health,
  catalogs,
  tabs,
  client: { name: 'Advocate', version: chrome.runtime.getManifest().version },
  kick,
  refreshBadge,
  toolbar: createToolbar(chrome.action, (key, subs) => chrome.i18n.getMessage(key, subs)),
  tabAccess: chromeTabAccess(contentScriptFile, popupUrl),
  sites,
  declaredMatches,
  local: chromeLocalData({ name: SYNC_ALARM, info: SYNC_ALARM_INFO }),
};
void catalogs.get(); // publish the site keys at every start (written only when they changed)

const route = createRouter(services, {
  extensionId: chrome.runtime.id,
  extensionOrigin: chrome.runtime.getURL(''),
  popupUrl,
  optionsUrl: chrome.runtime.getURL(manifest.options_ui?.page ?? 'src/options/index.html'),
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!isCommandMessage(message)) return false;
  void route(message, sender).then(sendResponse);
  return true; // answer asynchronously
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === SYNC_ALARM) void syncer.syncAll().catch(() => {});
});
// Nothing about a page outlives it: a tab that starts loading (a new page, a reload) or closes
// forgets what its last page was; same-document navigations are decided again (./page-scripts.ts).
// A loaded page on Advocate's sites is reported, and gets the content script, when it may match.
chrome.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
  if (changeInfo.status === 'loading') void forgetPage(services, tabId);
  if (isDecisionMoment(changeInfo, tab)) void runContentScriptIfWorth(services, tabId, tab.url, tab.title).catch(() => {});
});
chrome.tabs.onRemoved.addListener((tabId) => void tabs.forget(tabId));

handleContextMenuClicks(services);
chrome.runtime.onStartup.addListener(() => kick());
chrome.runtime.onInstalled.addListener((details) => {
  installContextMenus([...declaredMatches, ...grantedMatches]);
  kick();
  // A first install opens the welcome (the options page says what Advocate does and reads, and
  // how to enrol); an update, or the browser updating, does not.
  // A tab of its own: openOptionsPage may take over a blank tab the browser (or a test) just opened.
  if (details?.reason === 'install') {
    const page = chrome.runtime.getManifest().options_ui?.page;
    if (page) void Promise.resolve().then(() => chrome.tabs.create({ url: chrome.runtime.getURL(page), active: true })).catch(() => {});
  }
});
// A site whose permission the practitioner withdrew in the browser's settings loses its script.
chrome.permissions.onRemoved.addListener(() => void sites.reconcile().catch(() => {}));
// Pages that finished loading while no worker listened (restored tabs, a restart or update):
// looked at once the granted sites are registered again, and once more two seconds later, for a
// load that completed while this worker was still starting.
const scanOpenTabs = () =>
  chrome.tabs
    .query({ status: 'complete' })
    .then((open) => runContentScriptsInOpenTabs(services, open))
    .catch(() => 0);
void sites
  .reconcile()
  .catch(() => {})
  .then(scanOpenTabs)
  .then(() => setTimeout(() => void scanOpenTabs(), 2000));
self.addEventListener('online', () => kick());

// Checked at every start and re-created when missing (alarms can be lost on update or browser
// restart). Not replaced when present: a worker woken often would otherwise keep pushing it back.
void chrome.alarms.get(SYNC_ALARM).then((alarm) => {
  if (!alarm) return chrome.alarms.create(SYNC_ALARM, SYNC_ALARM_INFO);
});
refreshBadge();
