import { expect, test } from 'vitest';
import manifest from '../../../manifest.json' with { type: 'json' };
import pkg from '../../../package.json' with { type: 'json' };
import { extensionBuild, withContentScriptToBuild, withoutBuiltContentScript } from '../../../scripts/browser-builds';
import { CONTENT_SCRIPT_FILE, CONTENT_SCRIPT_SOURCE } from '../../../src/content/script-file';
import { requiredCategories } from '../../../scripts/data-collection';
import {
  CHROME_MIN_FOR_SCRIPTS_FALLBACK,
  FIREFOX_API_NAMESPACES,
  FIREFOX_MIN_VERSION,
  FIREFOX_NEEDS,
  GECKO_ID,
  finishChromeManifest,
  finishFirefoxManifest,
  firefoxSourceManifest,
  type Manifest,
} from '../../../scripts/firefox-manifest';

// What crx hands to renderCrxManifest once it has named the output files.
const renderedChrome = (): Manifest => ({ ...manifest, background: { service_worker: 'service-worker-loader.js', type: 'module' } });
const renderedFirefox = (): Manifest => ({ ...firefoxSourceManifest(manifest), background: { scripts: ['service-worker-loader.js'], type: 'module' } });

test('crx builds Firefox from the same manifest with the worker entry as a module event page', () => {
  const source = firefoxSourceManifest(manifest);
  expect(source.background).toEqual({ scripts: [manifest.background.service_worker], type: 'module' });
  expect(source).not.toHaveProperty('minimum_chrome_version');
  // Everything else (sites, permissions, popup, options) is carried over unchanged.
  expect(source.host_permissions).toEqual(manifest.host_permissions);
  expect(source.permissions).toEqual(manifest.permissions);
  expect(source.optional_host_permissions).toEqual(manifest.optional_host_permissions);
  expect(() => firefoxSourceManifest({ manifest_version: 3 })).toThrow(/no background.service_worker/);
});

test('the Firefox manifest has a gecko id, the minimum version, the data declaration and package.json’s version', () => {
  const firefox = finishFirefoxManifest(renderedFirefox(), '9.8.7');
  expect(firefox.version).toBe('9.8.7');
  expect(firefox.background).toEqual({ scripts: ['service-worker-loader.js'], type: 'module' });
  expect(firefox.browser_specific_settings).toEqual({
    gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: requiredCategories() } },
  });
  expect(() => finishFirefoxManifest(renderedChrome(), '1.0.0')).toThrow(/event page/);
});

test('the Chrome manifest names its worker as a Firefox event page too, which needs Chrome 121', () => {
  const chrome = finishChromeManifest(renderedChrome(), '9.8.7');
  expect(chrome.background).toEqual({ service_worker: 'service-worker-loader.js', type: 'module', scripts: ['service-worker-loader.js'] });
  expect(chrome.minimum_chrome_version).toBe(manifest.minimum_chrome_version);
  expect((chrome.browser_specific_settings as { gecko: { id: string } }).gecko.id).toBe(GECKO_ID);
  expect(Number(manifest.minimum_chrome_version)).toBeGreaterThanOrEqual(CHROME_MIN_FOR_SCRIPTS_FALLBACK);
  expect(() => finishChromeManifest({ ...renderedChrome(), minimum_chrome_version: '116' }, '1.0.0')).toThrow(/before 121/);
  expect(() => finishChromeManifest({ ...renderedChrome(), minimum_chrome_version: undefined }, '1.0.0')).toThrow(/missing/);
});

test('strict_min_version is the newest Firefox among the needs without a fallback', () => {
  const binding = [...FIREFOX_NEEDS.filter((n) => !n.fallback).map((n) => n.since), ...Object.values(FIREFOX_API_NAMESPACES)];
  expect(FIREFOX_MIN_VERSION).toBe(`${Math.max(...binding)}.0`);
  // A need with a fallback may be newer without raising the floor (the Navigation API is 147).
  expect(FIREFOX_NEEDS.some((n) => n.fallback && n.since > Number.parseInt(FIREFOX_MIN_VERSION, 10))).toBe(true);
});

test('the Vite mode picks the browser, its output folder and its syntax target', () => {
  expect(extensionBuild('production', manifest)).toMatchObject({ browser: 'chrome', outDir: 'dist', esTarget: `chrome${manifest.minimum_chrome_version}` });
  expect(extensionBuild('firefox', manifest)).toMatchObject({ browser: 'firefox', outDir: 'dist-firefox', esTarget: `firefox${Number.parseInt(FIREFOX_MIN_VERSION, 10)}` });
  const plugin = extensionBuild('firefox', manifest).plugin;
  const finished = (plugin.renderCrxManifest as unknown as (m: unknown) => Manifest)({ ...renderedFirefox(), content_scripts: [{ js: [CONTENT_SCRIPT_FILE], matches: ['https://github.com/*'] }] });
  expect(finished.version).toBe(pkg.version);
  expect(finished).not.toHaveProperty('content_scripts');
});

test('crx bundles the content script as a declared one, and the shipped manifest declares none', () => {
  const built = withContentScriptToBuild(manifest);
  expect(built.content_scripts).toEqual([{ js: [CONTENT_SCRIPT_SOURCE], matches: [manifest.host_permissions[0]] }]);
  expect(withoutBuiltContentScript({ ...built, content_scripts: [{ js: [CONTENT_SCRIPT_FILE], matches: ['https://github.com/*'] }] })).not.toHaveProperty('content_scripts');
  // A renamed output would leave the worker running a file that does not exist: the build stops.
  expect(() => withoutBuiltContentScript({ ...built, content_scripts: [{ js: ['assets/main-1234.js'], matches: ['https://github.com/*'] }] })).toThrow(/crx named the content script assets\/main-1234.js/);
  expect(() => withContentScriptToBuild({ manifest_version: 3 })).toThrow(/no host_permissions/);
});
