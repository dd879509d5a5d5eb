import { expect, test } from 'vitest';
import manifest from '../../../manifest.json' with { type: 'json' };
import { GECKO_ID, toFirefoxManifest } from '../../../scripts/firefox-manifest';

test('the Firefox manifest swaps the service worker for a module event page and adds a gecko id', () => {
  const firefox = toFirefoxManifest({ ...manifest, background: { service_worker: 'service-worker-loader.js', type: 'module' } });
  expect(firefox.background).toEqual({ scripts: ['service-worker-loader.js'], type: 'module' });
  expect(firefox).not.toHaveProperty('minimum_chrome_version');
  expect((firefox.browser_specific_settings as { gecko: { id: string } }).gecko.id).toBe(GECKO_ID);
  // Everything else (content scripts, permissions, popup) is carried over unchanged.
  expect(firefox.content_scripts).toEqual(manifest.content_scripts);
  expect(firefox.permissions).toEqual(manifest.permissions);
});

test('a manifest without a service worker is refused with a clear error', () => {
  expect(() => toFirefoxManifest({ manifest_version: 3 })).toThrow(/no background.service_worker/);
});
