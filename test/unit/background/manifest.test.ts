// The oldest Chrome the manifest admits covers what the code needs, and the build targets it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extensionBuild } from '../../../scripts/browser-builds';
import { CHROME_MIN_FOR_SCRIPTS_FALLBACK } from '../../../scripts/firefox-manifest';

const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../manifest.json'), 'utf8'));

/** The newest Chrome API the extension's code needs: chrome.storage.session (per-tab page memory, storage problems), Chrome 102. */
const CODE_NEEDS_CHROME = 102;

describe('manifest', () => {
  it('admits exactly the Chrome the code and the manifest shape need, and the build emits syntax for it', () => {
    expect(Number(manifest.minimum_chrome_version)).toBe(Math.max(CODE_NEEDS_CHROME, CHROME_MIN_FOR_SCRIPTS_FALLBACK));
    expect(extensionBuild('production', manifest).esTarget).toBe(`chrome${manifest.minimum_chrome_version}`);
  });

  it('asks for no permission the worker does not use; host access only when enrolling', () => {
    expect([...manifest.permissions].sort()).toEqual(['alarms', 'clipboardWrite', 'contextMenus', 'storage']);
    expect(manifest.host_permissions).toBeUndefined();
  });
});
