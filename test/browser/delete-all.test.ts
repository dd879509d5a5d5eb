// "Delete all local data" on the real options page: after its confirm step every IndexedDB store,
// storage.local and storage.session are empty, only the sync alarm is left, the options page says nothing is sent to anyone; then the
// extension works as after a fresh install: it enrols again and a matched page gets its suggestion.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { currentWorker, launchWithExtension, type ExtensionBrowser } from './chromium';
import { allowSiteAccess, detectedTabId, enrolThroughOptions, listVendors, openPopup, startTestEndpoint, type TestEndpoint } from './helpers';
import { waitForLayers } from './in-page';
import { startSiteServer, type SiteServer } from './site-server';

const ISSUE = 'https://github.com/mysql/mysql-server/issues/1';
let site: SiteServer;
let endpoint: TestEndpoint;
let browser: ExtensionBrowser;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  site = await startSiteServer();
  site.page('github.com', '/mysql/mysql-server/issues/1', readFileSync(resolve(import.meta.dirname, '../fixtures/pages/github-mysql-issue.html'), 'utf8'));
  browser = await launchWithExtension({ mapHosts: ['github.com'], port: site.port });
  await allowSiteAccess(browser, 'http://127.0.0.1/*');
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await endpoint?.close();
});

/** Every store's count, storage.local's and storage.session's keys, and the alarms, as the worker sees them. */
async function localData() {
  const worker = await currentWorker(browser.context);
  return worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, no) => {
      const open = indexedDB.open('advocate');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => no(open.error);
    });
    const names = [...db.objectStoreNames];
    const counts = await Promise.all(names.map((name) => new Promise<[string, number]>((ok, no) => {
      const request = db.transaction(name).objectStore(name).count();
      request.onsuccess = () => ok([name, request.result]);
      request.onerror = () => no(request.error);
    })));
    db.close();
    return {
      stores: Object.fromEntries(counts),
      local: Object.keys(await chrome.storage.local.get(null)).sort(),
      session: Object.keys(await chrome.storage.session.get(null)).sort(),
      alarms: (await chrome.alarms.getAll()).map((a) => a.name).sort(),
    };
  });
}

test('deletes everything after the confirm step; Advocate then enrols again and suggests', async () => {
  const options = await enrolThroughOptions(browser, endpoint.url, await endpoint.newPractitioner([{ productId: 'mysql', level: 'professional' }]));
  const vendorId = (await listVendors(options)).vendors[0]!.id;
  const page = await browser.context.newPage();
  await page.goto(ISSUE);
  await waitForLayers(page, 1);
  const { page: popup } = await openPopup(browser, await detectedTabId(browser, ISSUE));
  const made = await popup.evaluate((vendorId) => chrome.runtime.sendMessage({ advocate: 1, name: 'referrals.create', payload: { vendorId, productId: 'mysql', offerId: 'mysql-enterprise', channel: 'forum-answer' } }), vendorId);
  expect(made).toMatchObject({ ok: true });
  await popup.close();
  const before = await localData();
  for (const store of ['vendors', 'secrets', 'referrals', 'catalogs', 'meta']) expect(before.stores[store], store).toBeGreaterThan(0); // positive control
  expect(before.session.length).toBeGreaterThan(0);

  await options.reload();
  await options.getByRole('button', { name: 'Delete all local data…' }).click();
  await expect.poll(() => options.getByText('Vendors keep what they already received', { exact: false }).count()).toBe(1);
  expect((await localData()).stores.referrals).toBe(before.stores.referrals); // nothing before the confirm
  await options.getByRole('button', { name: 'Delete everything' }).click();
  await expect.poll(() => options.getByRole('status').filter({ hasText: 'Advocate is as after a fresh install' }).count(), { timeout: 10_000 }).toBe(1);

  const after = await localData();
  expect(Object.entries(after.stores).filter(([, n]) => n > 0)).toEqual([]);
  expect(after.local).toEqual([])
  expect(after.alarms).toEqual(['advocate-sync']);
  await expect.poll(() => options.getByText('Nothing yet: you are not enrolled with any vendor.').count()).toBe(1);
  console.log(`delete all: stores before ${JSON.stringify(before.stores)}, after ${JSON.stringify(after.stores)}; session keys ${before.session.length} → ${after.session.length}; alarms ${after.alarms.join(', ')}`);

  // As after a fresh install: it enrols again, and the matched page gets its suggestion.
  await page.close();
  await options.close();
  await (await enrolThroughOptions(browser, endpoint.url, await endpoint.newPractitioner([{ productId: 'mysql', level: 'professional' }]))).close();
  const again = await browser.context.newPage();
  await again.goto(ISSUE);
  const [card] = await waitForLayers(again, 1);
  expect(card!.html).toContain('Recommend MySQL Enterprise Support');
  await again.close();
});
