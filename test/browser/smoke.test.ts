// The built extension loads into Chromium: its service worker registers from dist/ and its
// extension pages open. (Vite 8 can produce a worker that silently fails to register.)
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, launchWithExtension, type ExtensionBrowser } from './chromium';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension();
});
afterAll(async () => browser?.close());

test('the service worker registers and the popup and options pages render', async () => {
  expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
  for (const pagePath of [manifest.action.default_popup, manifest.options_ui.page]) {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(browser.extensionUrl(pagePath));
    await expect.poll(() => page.locator('#app').innerText()).toContain('Advocate');
    expect(errors).toEqual([]);
    await page.close();
  }
});
