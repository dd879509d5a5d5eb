// Enrolment through the real options page against the reference endpoint running in-process:
// the certification the vendor signed is verified and shown; bad input gets a clear message
// and leaves the earlier enrolment as it was.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { checkCredential } from '../../src/core/credential';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './chromium';
import { allowSiteAccess, enrolThroughOptions, openOptions, listVendors, startTestEndpoint, submitEnrolment, type TestEndpoint } from './helpers';

let endpoint: TestEndpoint;
let browser: ExtensionBrowser;
let options: Page;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  browser = await launchWithExtension();
  await allowSiteAccess(browser, 'http://127.0.0.1/*');
});
afterAll(async () => {
  await browser?.close();
  await endpoint?.close();
});

const INVALID_CODE = 'The vendor did not accept this enrolment code (it is wrong, already used or expired): ask the vendor for a new one.';
const INSECURE = 'The endpoint must use https (plain http is only allowed on 127.0.0.1 or localhost).';

const vendorCard = (page: Page): Locator => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Demo Database Co.' }) });
const certificationRow = (page: Page, name: string): Locator => vendorCard(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });

test('enrolling through the options page shows the vendor and the verified certifications', async () => {
  const code = await endpoint.newPractitioner([
    { productId: 'mysql', level: 'professional' },
    { productId: 'postgresql', level: 'expert', validUntil: '2031-06-30T00:00:00Z' },
  ]);
  options = await enrolThroughOptions(browser, endpoint.url, code);
  await expect.poll(() => options.getByRole('status').filter({ hasText: 'Enrolled with Demo Database Co. as Pat Practitioner 1.' }).count()).toBe(1);

  const card = vendorCard(options);
  await card.waitFor();
  expect(await card.innerText()).toContain(endpoint.url);
  expect(await card.innerText()).toContain('3 products'); // the vendor's catalog was fetched
  expect(await certificationRow(options, 'Certified MySQL Professional').locator('.badge').innerText()).toMatch(/^Certified · professional · until [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
  expect(await certificationRow(options, 'Certified PostgreSQL Expert').locator('.badge').innerText()).toBe('Certified · expert · until Jun 30, 2031');
  expect(await card.getByText('You are certified with this vendor.').count()).toBe(1);

  // The worker agrees: both credentials verified against the vendor's key.
  const [vendor] = (await listVendors(options)).vendors;
  expect(vendor?.certified).toBe(true);
  expect(vendor?.credentials.map((c) => [c.productId, c.level, c.state]).sort()).toEqual([
    ['mysql', 'professional', 'valid'],
    ['postgresql', 'expert', 'valid'],
  ]);
});

test('a certification is exported as a file and as a link with a QR code; the link serves the signed credential, which verifies offline', async () => {
  const row = certificationRow(options, 'Certified MySQL Professional');
  await row.getByRole('button', { name: 'Link and QR code for Certified MySQL Professional' }).click();
  const link = row.getByRole('textbox', { name: /^Public address of Certified MySQL Professional/ });
  await link.waitFor();
  const url = await link.inputValue();
  expect(url.startsWith(`${endpoint.url}/v1/credentials/urn%3Auuid%3A`)).toBe(true);
  await row.locator('svg.qr path').waitFor();

  // What a client opening the link gets: the Open Badges credential, checked with no key given (did:key).
  const served = await (await fetch(url)).json();
  expect(await checkCredential(served, { now: new Date() })).toMatchObject({ valid: true, issuer: { id: expect.stringMatching(/^did:key:z6Mk/) }, achievement: { name: 'Certified MySQL Professional' } });
  const list = await (await fetch(served.credentialStatus.statusListCredential)).json();
  expect(await checkCredential(served, { now: new Date(), statusLists: [list] })).toMatchObject({ valid: true, revoked: false });

  const download = options.waitForEvent('download');
  await row.getByRole('button', { name: 'Save Certified MySQL Professional as a file' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('certification-demo-db-mysql-professional.json');
  expect(JSON.parse(readFileSync((await saved.path())!, 'utf8'))).toEqual(served);
});

test('a wrong enrolment code gives a clear error and leaves the enrolment untouched', async () => {
  const before = await listVendors(options);
  await submitEnrolment(options, endpoint.url, 'NOT-A-REAL-CODE');
  const alert = options.getByRole('alert');
  await alert.waitFor();
  expect(await alert.innerText()).toBe(`${INVALID_CODE} Your other enrolments are unchanged.`);

  expect(await listVendors(options)).toEqual(before);
  expect(await certificationRow(options, 'Certified MySQL Professional').locator('.badge').innerText()).toMatch(/^Certified · professional/);
  expect(await vendorCard(options).getByText('You are certified with this vendor.').count()).toBe(1);
});

test('a code that was already used is refused the same way', async () => {
  const demoCode = endpoint.demoEnrolmentCode!;
  // The demo practitioner's one-time code, spent once outside the extension.
  const first = await fetch(`${endpoint.url}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: demoCode }) });
  expect(first.status).toBeLessThan(300);
  const page = await openOptions(browser); // a fresh page: no message left from the test before
  const before = await listVendors(page);
  await submitEnrolment(page, endpoint.url, demoCode);
  await expect.poll(() => page.getByRole('alert').innerText()).toBe(`${INVALID_CODE} Your other enrolments are unchanged.`);
  expect(await listVendors(page)).toEqual(before);
  await page.close();
});

test('a malformed or insecure endpoint URL gets a message and nothing is sent', async () => {
  const page = await openOptions(browser);
  await submitEnrolment(page, 'not a url', 'ANY-CODE');
  await expect.poll(() => page.getByRole('alert').innerText()).toBe('That is not a web address. Enter the endpoint as https://host/… exactly as the vendor gave it.');
  await submitEnrolment(page, 'http://vendor.example/advocate', 'ANY-CODE');
  await expect.poll(() => page.getByRole('alert').innerText()).toBe(INSECURE);
  expect((await listVendors(page)).vendors).toHaveLength(1);
  await page.close();
});
