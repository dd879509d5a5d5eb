// The oldest Chrome the manifest admits is what the code needs, and the build targets that Chrome.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'manifest.json'), 'utf8'));
const viteConfig = readFileSync(resolve(ROOT, 'vite.config.ts'), 'utf8');

describe('manifest', () => {
  it('admits Chrome from 102 (chrome.storage.session) and the build emits syntax for that Chrome', () => {
    expect(manifest.minimum_chrome_version).toBe('102');
    expect(viteConfig).toContain(`target: 'chrome${manifest.minimum_chrome_version}'`);
  });

  it('asks for no permission the worker does not use; host access only when enrolling', () => {
    expect([...manifest.permissions].sort()).toEqual(['alarms', 'clipboardWrite', 'contextMenus', 'storage']);
    expect(manifest.host_permissions).toBeUndefined();
  });
});
