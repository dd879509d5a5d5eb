// Shared steps for the enrolment and popup browser tests: a reference endpoint in-process on a
// free loopback port with its own temporary data folder, and enrolment through the real options page.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { CommandResponse as Response } from '../../src/background/commands';
import { startEndpoint, type RunningEndpoint } from '../../src/endpoint/server';
import { quietLog } from '../quiet-log';
import { currentWorker, type ExtensionBrowser } from './chromium';

export const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
/** The toolbar popup's size (.popup is 380px wide; Chrome caps popups at 600px high), so screenshots look like the real thing. */
export const POPUP_VIEWPORT = { width: 380, height: 600 };

export interface TestEndpoint {
  url: string;
  dataDir: string;
  /** The seeded demo practitioner's one-time code (null once used). */
  demoEnrolmentCode: string | null;
  /** Calls an admin route with the admin token; throws on a non-2xx answer. */
  admin<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /** A fresh practitioner with these certifications, and their one-time enrolment code. */
  newPractitioner(certifications: { productId: string; level: 'associate' | 'professional' | 'expert'; validUntil?: string }[]): Promise<string>;
  /** Stops answering (the extension is offline for this vendor) until `restart`. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestEndpoint(): Promise<TestEndpoint> {
  const dataDir = mkdtempSync(join(tmpdir(), 'advocate-endpoint-'));
  const start = (port: number) => startEndpoint({ port, dataDir, log: quietLog(), rateLimits: { perIp: false, perToken: false, redirectPerIp: false } });
  const first = await start(0);
  const port = Number(new URL(first.url).port);
  let running: RunningEndpoint | null = first;
  async function admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${first.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${first.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }
  let practitioners = 0;
  return {
    url: first.url,
    dataDir,
    demoEnrolmentCode: first.demoEnrolmentCode,
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
    async stop() {
      await running?.close();
      running = null;
    },
    async restart() {
      if (running) throw new Error('The endpoint is already running.');
      running = await start(port); // same port and data: the extension sees the same vendor come back
    },
    async close() {
      await running?.close();
      running = null;
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
 * Enrols a MySQL professional once, through the real options page, from inside the first test
 * that calls the returned function (expect.poll needs a test, not a hook). The getters are read
 * at that moment, after beforeAll made the browser and the endpoint.
 */
export function enrolOnce(browser: () => ExtensionBrowser, endpoint: () => TestEndpoint): () => Promise<void> {
  let enrolment: Promise<void> | null = null;
  return () =>
    (enrolment ??= (async () => {
      const options = await enrolThroughOptions(browser(), endpoint().url, await endpoint().newPractitioner([{ productId: 'mysql', level: 'professional' }]));
      await options.close();
    })());
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

/**
 * The id of the tab showing `url`, once the content script has reported it. The extension has
 * no "tabs" permission (it cannot query tabs by URL), so look where the worker remembers pages.
 */
export async function detectedTabId(browser: ExtensionBrowser, url: string): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const worker = await currentWorker(browser.context);
    const tabId = await worker.evaluate(async (wanted) => {
      const remembered = (await chrome.storage.session.get(null)) as Record<string, { url?: string } | undefined>;
      const key = Object.keys(remembered).find((k) => k.startsWith('tab:') && remembered[k]?.url === wanted);
      return key === undefined ? null : Number(key.slice('tab:'.length));
    }, url);
    if (tabId !== null) return tabId;
    if (Date.now() > deadline) throw new Error(`The worker never heard of a tab showing ${url}.`);
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

/**
 * Opens the real popup page as a tab pinned to `tabId`, at the toolbar popup's size, and waits
 * for its first useful render. Returns the page and the milliseconds from navigation to that mark.
 */
export async function openPopup(browser: ExtensionBrowser, tabId: number): Promise<{ page: Page; firstRenderMs: number }> {
  const page = await browser.context.newPage();
  await page.setViewportSize(POPUP_VIEWPORT);
  await page.goto(browser.extensionUrl(`src/popup/index.html?tab=${tabId}`));
  await page.waitForFunction(() => performance.getEntriesByName('advocate:first-render').length > 0, null, { timeout: 10_000 });
  const firstRenderMs = await page.evaluate(() => performance.getEntriesByName('advocate:first-render')[0]!.startTime);
  return { page, firstRenderMs };
}

const AXE_SOURCE = readFileSync(resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page and returns its serious and critical violations, one line each.
 * The script is evaluated over the DevTools protocol: the extension's CSP forbids injected tags.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.targets.join(', ')}`);
}

/** Screenshots are written only by `npm run screenshots` (ADVOCATE_SCREENSHOTS=1), so a test run leaves the tree clean. */
export const TAKE_SCREENSHOTS = process.env.ADVOCATE_SCREENSHOTS === '1';

/** Saves a PNG of what the page shows now into docs/screenshots/ (when screenshots are asked for). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!TAKE_SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled', caret: 'hide' });
}
