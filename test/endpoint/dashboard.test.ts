// The vendor dashboard in real Chromium: built by Vite, served by the endpoint, behind the admin token.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCredential } from '../../src/core/credential';
import { chromiumPath } from '../browser/chromium';
import { call, click, dealItem, enrol, paid, referralItem, sendWebhook, startHarness, type Enrolled, type Harness } from './helpers';

let h: Harness;
let browser: Browser;
let outDir: string;
let url: string;
let expiringSoon: Enrolled;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'advocate-dashboard-'));
  await build({ configFile: fileURLToPath(new URL('../../src/endpoint/dashboard/vite.config.ts', import.meta.url)), build: { outDir, emptyOutDir: true }, logLevel: 'silent' });
  h = await startHarness({ settings: { dashboardDir: outDir } });
  url = await h.listen();
  const p = await enrol(h, { displayName: 'Casey Consultant', certifications: [{ productId: 'mysql', level: 'expert' }] });
  const code = await p.code();
  await call(h, '/v1/referrals', { token: p.token, body: { referrals: [referralItem(code)] } });
  await click(h, code);
  await sendWebhook(h, paid({ referralCode: code, amount: 80_000 }));
  await call(h, '/v1/deals', { token: p.token, body: { deals: [dealItem({ customerName: 'Initech', customerDomain: 'initech.example' })] } });
  expiringSoon = await enrol(h, { displayName: 'Erin Expiring', certifications: [{ productId: 'postgresql', level: 'associate', validUntil: new Date(h.clock.now().getTime() + 10 * 86_400_000).toISOString() }] });
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe('vendor dashboard', () => {
  it('asks for the admin token, then shows practitioners, funnels, commission owed and a chart', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/dashboard/`);
    await page.getByLabel('Admin token').fill('adm_wrong');
    await page.getByRole('button', { name: 'Open dashboard' }).click();
    await expectText(page.getByRole('alert'), /not accepted/);

    await page.getByLabel('Admin token').fill(h.endpoint.adminToken);
    await page.getByRole('button', { name: 'Open dashboard' }).click();
    await page.getByRole('heading', { name: 'Commission', exact: true }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Casey Consultant');
    expect(text).toContain('MySQL expert'); // product names, not ids
    expect(text).toMatch(/Owed\s*\$100\.00/); // 10% of $800 × 1.25
    expect(await page.locator('svg[role="img"]').getAttribute('aria-label')).toMatch(/1 click, 1 conversion$/);
    const mysqlRow = page.getByRole('table', { name: 'By product' }).getByRole('row', { name: /MySQL/ });
    expect(await mysqlRow.innerText()).toMatch(/MySQL\s+1\s+1\s+1\s+100\.0 %/);

    // The token lives in sessionStorage only, never in a URL or cookie.
    expect(await page.evaluate(() => sessionStorage.getItem('advocate-admin-token'))).toBe(h.endpoint.adminToken);
    expect((await page.context().cookies()).length).toBe(0);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /Export commissions/ }).click();
    const file = await (await download).path();
    expect(readFileSync(file, 'utf8').split('\r\n')[0]).toMatch(/^commission_id,kind,state,amount_minor/);

    // Deal review and commission reasons.
    const deals = page.getByRole('table', { name: 'Deals' });
    expect(await deals.getByRole('row', { name: /Initech/ }).innerText()).toMatch(/pending/);
    await page.getByRole('button', { name: 'Approve the deal for Initech' }).click();
    await expect.poll(() => deals.getByRole('row', { name: /Initech/ }).innerText()).toMatch(/approved/);
    expect(await page.getByRole('status').innerText()).toBe('Deal approved.');
    const commissionRow = page.getByRole('table', { name: 'Commissions' }).getByRole('row', { name: /ord_/ });
    expect(await commissionRow.innerText()).toMatch(/code [0-9a-z]{24}, clicked .*: 10% of USD 800\.00 \(first-year\) × 1\.25 \(expert\)/);
    await page.getByRole('button', { name: /Approve the commission on ord_/ }).click();
    await expect.poll(() => commissionRow.innerText()).toMatch(/approved/);
    await page.getByRole('button', { name: 'Close the period now' }).click();
    const statementRow = page.getByRole('table', { name: 'Statements' }).getByRole('row', { name: /Casey Consultant/ });
    await statementRow.waitFor();
    expect(await statementRow.innerText()).toMatch(/\$100\.00/);
    await page.getByRole('button', { name: 'Mark the statement for Casey Consultant paid' }).click();
    await expect.poll(() => commissionRow.innerText()).toMatch(/paid/);
    expect(await h.count('statements', 'paid_at is not null')).toBe(1);

    // Accessibility: axe-core finds no serious violations.
    // (evaluated through the DevTools protocol: the page's CSP rightly refuses injected scripts)
    await page.evaluate(readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8'));
    const audit = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(): Promise<{ passes: unknown[]; violations: { id: string; impact: string }[] }> } }).axe.run();
      return { passes: result.passes.length, serious: result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id) };
    });
    expect(audit.passes).toBeGreaterThan(5);
    expect(audit.serious).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('vendor dashboard: certifications', () => {
  it('lists issued, expiring and revoked certifications, and a revocation reaches the served status list', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/dashboard/`);
    await page.evaluate((token) => sessionStorage.setItem('advocate-admin-token', token), h.endpoint.adminToken);
    await page.reload();
    await page.getByRole('heading', { name: 'Certifications', exact: true }).waitFor();
    const expiring = page.getByRole('table', { name: 'Expiring within 30 days' });
    expect(await expiring.getByRole('row', { name: /PostgreSQL associate/ }).innerText()).toMatch(/Erin Expiring.*expiring soon/s);
    expect(await page.getByRole('table', { name: 'Revoked' }).count()).toBe(0);

    const credential = expiringSoon.enrolment.credentials[0]!;
    const statusOf = async () => {
      const [list, key] = await Promise.all([fetch(`${url}/v1/credentials/status-list`), fetch(`${url}/.well-known/did.json`)].map(async (r) => (await r).json()));
      return checkCredential(credential, { now: h.clock.now(), key, statusLists: [list] });
    };
    expect(await statusOf()).toMatchObject({ valid: true, revoked: false });

    await page.getByRole('button', { name: 'Revoke PostgreSQL associate of Erin Expiring' }).first().click();
    await page.getByRole('group', { name: 'Confirm revoking PostgreSQL associate of Erin Expiring' }).getByRole('button', { name: 'Yes, revoke' }).click();
    const revoked = page.getByRole('table', { name: 'Revoked' });
    await revoked.waitFor();
    expect(await revoked.getByRole('row', { name: /PostgreSQL associate/ }).innerText()).toMatch(/Erin Expiring.*revoked/s);
    expect(await page.getByRole('status').innerText()).toBe('Certification revoked: the status list says so now.');
    expect(await page.getByRole('table', { name: 'Expiring within 30 days' }).count()).toBe(0);
    expect(await statusOf()).toMatchObject({ valid: false, revoked: true, code: 'revoked' });
    await page.close();
  }, 60_000);
});

async function expectText(locator: import('playwright-core').Locator, pattern: RegExp) {
  await locator.waitFor();
  expect(await locator.innerText()).toMatch(pattern);
}
