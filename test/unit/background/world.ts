// A whole worker in a test: real router, handlers, outbox and sync over fake-indexeddb, talking
// to a FakeVendor that also enrols (real Ed25519 credentials) through an injected fetch.
import type { Catalog } from '../../../src/core/catalog';
import { encodeBase64Url, generateIssuerKeys, newCertificationCredential, signCredential, type IssuerKeys } from '../../../src/core/credential';
import { CatalogIndexCache } from '../../../src/background/catalog-index';
import type { Services } from '../../../src/background/services';
import { StorageHealth } from '../../../src/background/health';
import { createRouter, type SenderInfo } from '../../../src/background/router';
import { createSyncer } from '../../../src/background/sync';
import { TabMemory, type SessionArea } from '../../../src/background/tabs';
import { GrantedSites, type SiteSurface } from '../../../src/background/sites';
import type { LocalData } from '../../../src/background/local-data';
import type { TabAccess } from '../../../src/background/tab-access';
import type { PageAnswer } from '../../../src/core/messages/views';
import { createToolbar, type ToolbarSurface } from '../../../src/background/toolbar';
import type { DbHandle, StorageEvent } from '../../../src/background/db';
import { clock, ENDPOINT, FakeVendor, freshDb, memoryLock, START } from './helpers';

export const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;
export const OPTIONS_URL = `${ORIGIN}src/options/index.html`;
export const POPUP_URL = `${ORIGIN}src/popup/index.html`;
export const ROUTER_CONFIG = { extensionId: EXTENSION_ID, extensionOrigin: ORIGIN, popupUrl: POPUP_URL, optionsUrl: OPTIONS_URL };
export const POPUP: SenderInfo = { id: EXTENSION_ID, url: POPUP_URL };
export const OPTIONS: SenderInfo = { id: EXTENSION_ID, url: OPTIONS_URL };
export const contentScript = (url = 'https://github.com/mysql/mysql-server', tabId = 7): SenderInfo => ({ id: EXTENSION_ID, url, tab: { id: tabId }, frameId: 0 });

export function vendorCatalog(vendorId = 'acme', endpoint = ENDPOINT): Catalog {
  return {
    schemaVersion: 1,
    vendors: [
      {
        id: vendorId,
        name: 'Acme Data',
        homepage: 'https://acme.example.com',
        referral: { linkStyle: 'redirect', endpoint },
        currency: 'USD',
        products: [
          {
            id: 'mysql',
            name: 'MySQL',
            description: 'Open-source relational database.',
            signals: { repositories: ['https://github.com/mysql/mysql-server'], images: ['_/mysql'], stackExchange: [{ site: 'stackoverflow.com', tags: ['mysql'] }], forums: ['forums.mysql.com'] },
            offers: [
              { id: 'enterprise', name: 'MySQL Enterprise', url: 'https://acme.example.com/mysql', adds: 'Adds 24x7 support and backups.', commission: { kind: 'percent', value: 10, period: 'first-year' } },
            ],
          },
        ],
      },
    ],
  };
}

export class MemorySession implements SessionArea {
  readonly data = new Map<string, unknown>();
  async get(key: string | null) {
    if (key === null) return Object.fromEntries([...this.data].map(([k, v]) => [k, structuredClone(v)]));
    return this.data.has(key) ? { [key]: structuredClone(this.data.get(key)) } : {};
  }
  async set(items: Record<string, unknown>) {
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
  }
  async remove(key: string) {
    this.data.delete(key);
  }
}

/** Adds the enrolment routes to a FakeVendor: one-time codes, real signed credentials. */
export async function enrollable(vendor: FakeVendor, options: { vendorId?: string; validUntil?: string } = {}) {
  const vendorId = options.vendorId ?? 'acme';
  const keys: IssuerKeys = await generateIssuerKeys();
  const credential = await signCredential(
    newCertificationCredential({
      issuer: { id: vendorId, name: 'Acme Data' },
      subject: { practitionerId: 'p1', name: 'Pat' },
      achievement: { vendorId, productId: 'mysql', level: 'professional', name: 'Certified MySQL Professional' },
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: options.validUntil ?? '2027-01-01T00:00:00Z',
    }),
    keys.privateKey,
    { verificationMethod: `${vendorId}#${keys.keyId}`, created: '2026-01-01T00:00:00Z' },
  );
  const codes = new Set(['GOOD-CODE']);
  const referralSecret = encodeBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const info = { id: vendorId, name: 'Acme Data', homepage: 'https://acme.example.com', publicKeyJwk: keys.publicKeyJwk, keyId: keys.keyId };
  vendor.catalogBody = vendorCatalog(vendorId, vendor.endpoint);
  vendor.token = `tok_${vendorId}_0123456789abcdefghij`;
  const state = { deleted: 0, credential, keys, codes, referralSecret, revoked: [] as string[], practitionerNumber: 42 };
  vendor.enrolment = (method, path, body) => {
    if (method === 'GET' && path === '/v1/vendor') return Response.json(info);
    if (method === 'GET' && path === '/v1/credentials/status') return Response.json({ revoked: state.revoked, updatedAt: '2026-01-01T00:00:00Z' });
    if (method === 'DELETE' && path === '/v1/enrolment') {
      state.deleted++;
      return new Response(null, { status: 204 });
    }
    if (method === 'POST' && path === '/v1/enrol') {
      if (!codes.delete(body?.code)) return Response.json({ type: 'https://advocate.dev/problems/enrolment-code-invalid', title: 'Unauthorized', status: 401, detail: 'bad code' }, { status: 401 });
      return Response.json({
        practitioner: { id: 'p1', number: state.practitionerNumber, displayName: 'Pat', email: 'pat@example.com' },
        vendor: info,
        accessToken: vendor.token,
        referralSecret: state.referralSecret,
        credentials: [credential],
      });
    }
    return null;
  };
  return state;
}

/** The toolbar as the browser keeps it: per tab, the last title and icon set. */
export class FakeToolbar implements ToolbarSurface {
  readonly titles = new Map<number, string>();
  readonly icons = new Map<number, Record<string, string>>();
  setTitle({ tabId, title }: { tabId: number; title: string }) {
    this.titles.set(tabId, title);
  }
  setIcon({ tabId, path }: { tabId: number; path: Record<string, string> }) {
    this.icons.set(tabId, path);
  }
}

/** The browser's side of tabs: pages it lets Advocate read once (after a toolbar click), scripts run, popups opened. */
export class FakeTabAccess implements TabAccess {
  /** tabId → what the page shows, for tabs the practitioner clicked the toolbar icon on. */
  readonly readable = new Map<number, { url: unknown; signals: unknown }>();
  readonly injected: number[] = [];
  readonly popups: number[] = [];
  /** The tabs whose page was read, in order. */
  readonly read: number[] = [];
  async readPage(tabId: number) {
    this.read.push(tabId);
    return this.readable.get(tabId) ?? null;
  }
  /** The answers handed to the scripts run, in order. */
  readonly handed: { tabId: number; answer: PageAnswer | undefined }[] = [];
  async injectContentScript(tabId: number, answer?: PageAnswer) {
    this.injected.push(tabId);
    this.handed.push({ tabId, answer });
    return true;
  }
  /** Tabs whose script was asked to open the reply preview; it opens where a script runs. */
  readonly previews: number[] = [];
  async openReplyPreview(tabId: number) {
    this.previews.push(tabId);
    return this.hasContentScript(tabId);
  }
  /** Tabs whose page runs the content script already: those it was run in, and the ones a test names. */
  readonly running = new Set<number>();
  async hasContentScript(tabId: number) {
    return this.running.has(tabId) || this.injected.includes(tabId);
  }
  async openPopup(tabId: number) {
    this.popups.push(tabId);
  }
}

/** chrome.scripting's registered script and chrome.permissions' granted origins, in memory. */
export class FakeSiteSurface implements SiteSurface {
  matches: string[] = [];
  saved: string[] | undefined;
  readonly origins = new Set<string>();
  readonly removed: string[] = [];
  async registeredMatches() {
    return [...this.matches];
  }
  async setMatches(matches: string[]) {
    this.matches = [...matches];
  }
  async savedMatches() {
    return this.saved && [...this.saved];
  }
  async saveMatches(matches: string[]) {
    this.saved = [...matches];
  }
  async hasOrigin(pattern: string) {
    return this.origins.has(pattern);
  }
  async grantedOrigins() {
    return [...this.origins];
  }
  async removeOrigin(pattern: string) {
    this.origins.delete(pattern);
    this.removed.push(pattern);
  }
}

/** storage.local, alarms and tab badges as data.deleteAll sees them. */
export class FakeLocalData implements LocalData {
  readonly local = new Map<string, unknown>([['advocate:granted-sites', [{ host: 'example.org' }]]]);
  alarms = ['advocate-sync', 'other'];
  alarmResets = 0;
  tabBadgesCleared = 0;
  constructor(private readonly session: MemorySession) {}
  async clearStorage() {
    this.local.clear();
    this.session.data.clear();
  }
  async resetAlarms() {
    this.alarms = ['advocate-sync'];
    this.alarmResets++;
  }
  async clearTabBadges() {
    this.tabBadgesCleared++;
  }
}

/** The content script's declared sites in tests: GitHub and Stack Overflow. */
export const DECLARED = ['https://github.com/*', 'https://*.stackoverflow.com/*', 'https://forums.mysql.com/*'];

export function makeWorker(options: { db?: DbHandle; vendor?: FakeVendor; fetch?: Services['fetch']; events?: StorageEvent[]; timeoutMs?: number } = {}) {
  const timeoutMs = options.timeoutMs ?? 200;
  const events = options.events ?? [];
  const db = options.db ?? freshDb(events);
  const vendor = options.vendor ?? new FakeVendor();
  const time = clock(START);
  const health = new StorageHealth(time.now);
  const fetch = options.fetch ?? vendor.fetch;
  const syncer = createSyncer({ db, fetch, now: time.now, random: () => 0.5, withLock: memoryLock(), timeoutMs });
  const kicks: number[] = [];
  let badgeRefreshes = 0;
  const session = new MemorySession();
  const toolbar = new FakeToolbar();
  const tabAccess = new FakeTabAccess();
  const siteSurface = new FakeSiteSurface();
  const local = new FakeLocalData(session);
  const services: Services = {
    db,
    fetch,
    now: time.now,
    timeoutMs,
    syncer,
    health,
    catalogs: new CatalogIndexCache(db),
    tabs: new TabMemory(session),
    client: { name: 'Advocate', version: '0.1.0' },
    kick: () => kicks.push(time.now()),
    refreshBadge: () => badgeRefreshes++,
    toolbar: createToolbar(toolbar),
    tabAccess,
    sites: new GrantedSites(siteSurface),
    declaredMatches: DECLARED,
    local,
  };
  const route = createRouter(services, ROUTER_CONFIG);
  const send = (name: string, payload: unknown = {}, sender: SenderInfo = POPUP) => route({ advocate: 1, name, payload }, sender);
  return { db, vendor, time, health, syncer, send, route, kicks, session, services, toolbar, tabAccess, siteSurface, local, badgeRefreshes: () => badgeRefreshes };
}

/** One fetch for several fake vendors, each answering at its own endpoint. */
export function routeByEndpoint(...vendors: FakeVendor[]): Services['fetch'] {
  return (url, init) => {
    const vendor = vendors.find((v) => url.startsWith(`${v.endpoint}/`));
    return vendor ? vendor.fetch(url, init) : Promise.reject(new TypeError(`fetch failed: nothing at ${url}`));
  };
}

/** A worker enrolled with the default vendor through the real vendors.enrol command. */
export async function enrolledWorker(options: { others?: FakeVendor[] } = {}) {
  const vendor = new FakeVendor();
  const enrolment = await enrollable(vendor);
  const world = makeWorker({ vendor, fetch: routeByEndpoint(vendor, ...(options.others ?? [])) });
  const result = await world.send('vendors.enrol', { endpoint: ENDPOINT, code: 'GOOD-CODE' }, OPTIONS);
  if (!result.ok) throw new Error(`enrolment failed in setup: ${result.error.message}`);
  return { ...world, enrolment };
}

/** The value of an ok answer; a failed one throws with its error, so a test says what went wrong. */
export function value<T>(result: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** A referral request for the catalog vendorCatalog() describes. */
export const CREATE = { vendorId: 'acme', productId: 'mysql', offerId: 'enterprise', channel: 'forum-answer' };
export const REPO_URL = 'https://github.com/mysql/mysql-server';

/** The vendor's stats after one referral got 5 clicks and 2 conversions. */
export function statsFor(referral: { id: string; code: string }) {
  const commission = { pending: 1000, approved: 0, paid: 0, reversed: 0 };
  return {
    practitionerId: 'p1',
    currency: 'USD',
    generatedAt: '2026-03-01T10:00:00Z',
    totals: { referrals: 1, clicks: 5, conversions: 2, commission },
    referrals: [{ id: referral.id, code: referral.code, productId: 'mysql', offerId: 'enterprise', clicks: 5, conversions: 2, commission }],
  };
}
