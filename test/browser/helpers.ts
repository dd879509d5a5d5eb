// Shared steps for the enrolment and popup browser tests: a reference endpoint in-process on a
// free loopback port with its own temporary data folder, and enrolment through the real options page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Response } from '../../src/core/messages';
import { startEndpoint, type RunningEndpoint } from '../../src/endpoint/server';
import type { ExtensionBrowser } from './chromium';

export const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
/** The toolbar popup's size, so screenshots look like the real thing. */
export const POPUP_VIEWPORT = { width: 400, height: 600 };

export interface TestEndpoint {
  url: string;
  dataDir: string;
  running: RunningEndpoint;
  /** Calls an admin route with the admin token; throws on a non-2xx answer. */
  admin<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /** A fresh practitioner with these certifications, and their one-time enrolment code. */
  newPractitioner(certifications: { productId: string; level: 'associate' | 'professional' | 'expert'; validUntil?: string }[]): Promise<string>;
  close(): Promise<void>;
}

export async function startTestEndpoint(): Promise<TestEndpoint> {
  const dataDir = mkdtempSync(join(tmpdir(), 'advocate-endpoint-'));
  const running = await startEndpoint({ port: 0, dataDir, rateLimits: { perIp: false, perToken: false, redirectPerIp: false } });
  async function admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${running.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }
  let practitioners = 0;
  return {
    url: running.url,
    dataDir,
    running,
    admin,
    async newPractitioner(certifications) {
      practitioners += 1;
      const created = await admin<{ enrolmentCode: string }>('POST', '/v1/admin/practitioners', {
        displayName: `Pat Practitioner ${practitioners}`,
        email: `pat${practitioners}@practitioner.example.org`,
        certifications,
      });
      return created.enrolmentCode;
    },
    async close() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the real options page in a new tab. */
export async function openOptions(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('src/options/index.html'));
  await page.getByRole('button', { name: 'Enrol', exact: true }).waitFor();
  return page;
}

/** Types the endpoint and code into the options page's enrol form and submits with a real click. */
export async function submitEnrolment(page: Page, endpoint: string, code: string): Promise<void> {
  await page.getByLabel('Vendor endpoint URL').fill(endpoint);
  await page.getByLabel('Enrolment code').fill(code);
  await page.getByRole('button', { name: 'Enrol', exact: true }).click();
}

/** Enrols through the options page and waits for the success message; returns the options page. */
export async function enrolThroughOptions(browser: ExtensionBrowser, endpoint: string, code: string): Promise<Page> {
  const page = await openOptions(browser);
  await submitEnrolment(page, endpoint, code);
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Enrolled with' }).count(), { timeout: 10_000 }).toBe(1);
  return page;
}

/**
 * Headless Chromium cannot answer the permission prompt that `permissions.request` opens (the
 * promise never settles). A practitioner can also allow a site beforehand on chrome://extensions
 * ("Site access: on specific sites"); that page's own API does the same here, and the options
 * page's real request on the Enrol click then resolves `true` at once, without a prompt.
 */
export async function allowSiteAccess(browser: ExtensionBrowser, pattern: string): Promise<void> {
  const page = await browser.context.newPage();
  try {
    await page.goto('chrome://extensions');
    const error = await page.evaluate(
      async ([id, host]) => {
        try {
          // chrome.developerPrivate exists only on chrome://extensions; it is not in @types/chrome.
          await (chrome as unknown as { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } }).developerPrivate.addHostPermission(id!, host!);
          return null;
        } catch (e) {
          return String(e);
        }
      },
      [browser.extensionId, pattern],
    );
    if (error) throw new Error(`chrome://extensions refused site access to ${pattern}: ${error}`);
  } finally {
    await page.close();
  }
}

type VendorsList = Response<'vendors.list'>;

/** The worker's view of the enrolled vendors, asked from an extension page. */
export async function listVendors(page: Page): Promise<VendorsList> {
  const answer = (await page.evaluate(() => chrome.runtime.sendMessage({ advocate: 1, name: 'vendors.list', payload: {} }))) as { ok: boolean; value: VendorsList; error?: unknown };
  if (!answer.ok) throw new Error(`vendors.list failed: ${JSON.stringify(answer.error)}`);
  return answer.value;
}
