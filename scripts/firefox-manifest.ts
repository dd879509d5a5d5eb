// The Firefox side of the manifest. Both builds come from manifest.json through @crxjs:
//   vite build                 → dist/          (Chrome: service worker)
//   vite build --mode firefox  → dist-firefox/  (Firefox: event page, crx's `browser: 'firefox'`)
// and both carry the gecko settings, so `web-ext lint` accepts either (Chrome ≥ 121 ignores
// `background.scripts` and `browser_specific_settings`; Firefox ignores `service_worker`).
import { dataCollectionPermissions } from './data-collection.ts';

export const GECKO_ID = 'advocate@advocate.dev';

/** Chrome loads a manifest with both `background.service_worker` and `background.scripts` from 121 on (refuses it before). */
export const CHROME_MIN_FOR_SCRIPTS_FALLBACK = 121;

export interface FirefoxNeed {
  what: string;
  /** The first Firefox version with it (MDN browser-compat-data; a unit test checks each). */
  since: number;
  /** Its browser-compat-data path. */
  bcd: string;
  /** Set when the code works without it, so the minimum version need not cover it. */
  fallback?: string;
}

/**
 * What the extension uses that not every Firefox has. `strict_min_version` is the newest of
 * those without a fallback. test/unit/build/firefox-needs.test.ts fails when the sources use an
 * extension API namespace or a listed web API that this table does not name.
 */
export const FIREFOX_NEEDS: readonly FirefoxNeed[] = [
  { what: 'Manifest V3: action, host permissions, an event page', since: 109, bcd: 'webextensions.manifest.action' },
  { what: 'an ES module event page (background.type "module")', since: 112, bcd: 'webextensions.manifest.background.type' },
  { what: 'storage.session: the last detection per tab and storage health, gone with the session', since: 115, bcd: 'webextensions.api.storage.session' },
  { what: 'optional_host_permissions: one vendor origin, asked at enrolment', since: 128, bcd: 'webextensions.manifest.optional_host_permissions' },
  { what: 'data_collection_permissions: Firefox asks consent for what is sent to vendors', since: 140, bcd: 'webextensions.manifest.browser_specific_settings.gecko.data_collection_permissions' },
  { what: 'Web Locks: one sync at a time across the event page and extension pages', since: 96, bcd: 'api.LockManager' },
  { what: 'crypto.randomUUID: referral and deal ids', since: 95, bcd: 'api.Crypto.randomUUID' },
  { what: 'Ed25519 in WebCrypto: certification signatures', since: 129, bcd: 'api.SubtleCrypto.verify.ed25519', fallback: '@noble/ed25519 where crypto.subtle lacks Ed25519 (owner: credential code)' },
  { what: 'ClipboardItem: copy as HTML', since: 127, bcd: 'api.ClipboardItem', fallback: 'clipboard.writeText with the HTML source' },
  { what: 'CompressionStream: reading and writing Bitstring Status Lists of certifications', since: 113, bcd: 'api.CompressionStream' },
  { what: 'the Navigation API: re-detect after soft navigations', since: 147, bcd: 'api.Navigation', fallback: 'popstate and the sites’ own navigation events' },
  { what: 'action.openPopup after a context-menu click', since: 109, bcd: 'webextensions.api.action.openPopup', fallback: 'a badge saying the link is ready' },
  { what: 'scripting: reading a page once after a toolbar click (activeTab), the content script on sites the practitioner granted', since: 102, bcd: 'webextensions.api.scripting' },
  { what: 'registered content scripts kept across restarts (persistAcrossSessions)', since: 102, bcd: 'webextensions.api.scripting.RegisteredContentScript.persistAcrossSessions' },
  { what: 'requestIdleCallback: the in-page suggestion waits until the page is idle', since: 55, bcd: 'api.Window.requestIdleCallback' },
];

/** Extension API namespaces the sources call, and since when Firefox has each. */
export const FIREFOX_API_NAMESPACES: Readonly<Record<string, number>> = {
  action: 109,
  alarms: 45,
  contextMenus: 48,
  i18n: 45,
  permissions: 55,
  runtime: 45,
  scripting: 102,
  'storage.local': 45,
  'storage.session': 115,
  tabs: 45,
};

export const FIREFOX_MIN_VERSION = `${Math.max(...FIREFOX_NEEDS.filter((n) => !n.fallback).map((n) => n.since), ...Object.values(FIREFOX_API_NAMESPACES))}.0`;

export type Manifest = Record<string, unknown> & {
  version?: string;
  minimum_chrome_version?: string;
  background?: { service_worker?: string; scripts?: string[]; type?: string };
};

export function geckoSettings() {
  return {
    gecko: {
      id: GECKO_ID,
      strict_min_version: FIREFOX_MIN_VERSION,
      data_collection_permissions: dataCollectionPermissions(),
    },
  };
}

/** The source manifest crx builds for Firefox: the worker entry becomes the event page's script. */
export function firefoxSourceManifest(source: Manifest): Manifest {
  const { minimum_chrome_version: _chromeOnly, background, ...rest } = source;
  if (!background?.service_worker) throw new Error('manifest.json has no background.service_worker to turn into an event page');
  return { ...rest, background: { scripts: [background.service_worker], type: background.type ?? 'module' } };
}

/** The Firefox build's final manifest (after crx wrote its file names). */
export function finishFirefoxManifest(rendered: Manifest, version: string): Manifest {
  const { minimum_chrome_version: _chromeOnly, background, ...rest } = rendered;
  if (!background?.scripts?.length || background.service_worker) throw new Error('the Firefox build must have an event page (background.scripts) and no service worker');
  return { ...rest, version, background, browser_specific_settings: geckoSettings() };
}

/** The Chrome build's final manifest: the same worker named as a Firefox event page too, for Firefox's linter. */
export function finishChromeManifest(rendered: Manifest, version: string): Manifest {
  const { background } = rendered;
  if (!background?.service_worker) throw new Error('the Chrome build has no background.service_worker');
  const minimum = Number.parseInt(rendered.minimum_chrome_version ?? '0', 10);
  if (!(minimum >= CHROME_MIN_FOR_SCRIPTS_FALLBACK)) {
    throw new Error(`manifest.json's minimum_chrome_version is ${rendered.minimum_chrome_version ?? 'missing'}; the Chrome build names its worker in background.scripts too (for Firefox's linter), which Chrome refuses before ${CHROME_MIN_FOR_SCRIPTS_FALLBACK}`);
  }
  return {
    ...rendered,
    version,
    background: { ...background, scripts: [background.service_worker] },
    browser_specific_settings: geckoSettings(),
  };
}
