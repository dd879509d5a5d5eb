// The whole journey, for real, in one run: the built extension in Debian's Chromium, the
// reference endpoint as `npm start` runs it (its own process, its SQLite database in a fresh data
// folder), and pages served under their real host names (scripts/demo-sites.ts). One practitioner
// enrols, is offered MySQL on GitHub, answers on Stack Overflow, works offline, and is paid; one
// visitor clicks; the vendor approves, bills, refunds and closes the period. Each step is named
// (a failure says which broke), timed (printed at the end) and, with ADVOCATE_SCREENSHOTS=1,
// photographed into docs/screenshots/journey-N-*.png for the README.
import type { Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CommandResponse } from '../../src/background/commands';
import { startDemoSites, DEMO_PAGES, type DemoSites } from '../../scripts/demo-sites';
import { chromiumPath, currentWorker, launchWithExtension, type ExtensionBrowser } from '../browser/chromium';
import { allowSiteAccess, detectedTabId, enrolThroughOptions, listVendors, openPopup, screenshot, TAKE_SCREENSHOTS } from '../browser/helpers';
import { axClick, axFind, layers, waitForLayers } from '../browser/in-page';
import { startEndpointProcess, type EndpointProcess } from './endpoint-process';
import { workerStopper } from '../browser/fault-helpers';
import { stepRunner } from './steps';

const OFFER = 'MySQL Enterprise Support';
const OFFER_URL = 'https://demo-db.example.com/offers/mysql-enterprise';

let sites: DemoSites;
let endpoint: EndpointProcess;
let browser: ExtensionBrowser;
const { step, report } = stepRunner(() => endpoint?.output().split('\n').slice(-15).join('\n') ?? '');

beforeAll(async () => {
  sites = await startDemoSites();
});
afterAll(async () => {
  console.log(`journey step timings:\n${report()}`);
  await browser?.close();
  await endpoint?.close();
  await sites?.close();
});

/** The toolbar title the worker set for this tab. */
const toolbarTitle = async (tabId: number) => (await currentWorker(browser.context)).evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);

/** Asks the worker from one of the extension's pages, as the popup does. */
async function ask<K extends 'activity.get' | 'statements.list'>(page: Page, name: K): Promise<CommandResponse<K>> {
  const answer = (await page.evaluate(([n]) => chrome.runtime.sendMessage({ advocate: 1, name: n, payload: {} }), [name] as const)) as { ok: boolean; value: CommandResponse<K>; error?: unknown };
  if (!answer.ok) throw new Error(`${name} failed: ${JSON.stringify(answer.error)}`);
  return answer.value;
}

/** Opens the popup about the GitHub tab on its Activity tab, after a Sync now (which also brings the vendor's figures). */
async function activityAfterSync(tabId: number): Promise<Page> {
  const { page } = await openPopup(browser, tabId);
  await page.getByRole('tab', { name: /^Activity/ }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page.getByText(/^Sent \d+, accepted \d+, parked 0\.$/).waitFor({ timeout: 15_000 });
  return page;
}

/** A billing event as the vendor's billing system sends it: Standard Webhooks, signed with the webhook secret. */
function signedEvent(id: string, event: unknown) {
  const body = JSON.stringify(event);
  const at = new Date();
  const headers = {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(endpoint.printed.webhookSecret).sign(id, at, body),
  };
  return { headers, body };
}
async function postBilling(message: { headers: Record<string, string>; body: string }) {
  const response = await fetch(`${endpoint.url}/v1/webhooks/billing`, { method: 'POST', ...message });
  return { status: response.status, json: (await response.json()) as { duplicate?: boolean; outcome?: string } };
}

/** The vendor dashboard, signed in with the admin token the endpoint printed. */
async function openDashboard(): Promise<Page> {
  const dashboard = await browser.context.newPage();
  await dashboard.setViewportSize({ width: 1100, height: 900 });
  await dashboard.goto(`${endpoint.url}/dashboard/`);
  await dashboard.getByLabel('Admin token').fill(endpoint.printed.adminToken);
  await dashboard.getByRole('button', { name: 'Open dashboard' }).click();
  await dashboard.getByRole('heading', { name: 'Commission', exact: true }).waitFor();
  return dashboard;
}

/** Codes of referral links in a text. */
const codesIn = (text: string) => [...text.matchAll(/\/r\/([0-9a-z]{24})/gi)].map((m) => m[1]!.toLowerCase());

test('a practitioner and a vendor walk the whole path', async () => {
  // ---------------------------------------------------------------------------------------------
  await step(1, 'fresh endpoint: enrol with the printed code, certification verified', async () => {
    endpoint = await startEndpointProcess();
    const code = endpoint.printed.enrolmentCode;
    expect(code, 'the welcome text names the demo practitioner’s code').toBeTruthy();
    expect(endpoint.printed.text).toMatch(/What to do next[^]*\n {2}1\. /);
    expect(endpoint.query('SELECT COUNT(*) AS n FROM referrals')).toEqual([{ n: 0 }]);

    browser = await launchWithExtension({ mapHosts: sites.hosts, port: sites.server.port });
    await allowSiteAccess(browser, 'http://127.0.0.1/*');
    const options = await enrolThroughOptions(browser, endpoint.url, code!);
    await options.getByRole('status').filter({ hasText: 'Enrolled with Demo Database Co. as Dana Demo.' }).waitFor();
    const row = options.getByRole('row').filter({ has: options.getByRole('rowheader', { name: 'Certified MySQL Professional' }) });
    expect(await row.locator('.badge').innerText()).toMatch(/^Certified · professional · until /);
    const [vendor] = (await listVendors(options)).vendors;
    expect(vendor?.certified).toBe(true);
    expect(vendor?.credentials.find((c) => c.productId === 'mysql')?.state).toBe('valid');
    await options.setViewportSize({ width: 900, height: 760 });
    await screenshot(options, 'journey-1-enrolled');
    await options.close();
  });

  // ---------------------------------------------------------------------------------------------
  const { page: popup, tabId: githubTab } = await step(2, 'GitHub repository: toolbar match, in-page suggestion, popup offer', async () => {
    const repo = await browser.context.newPage();
    await repo.goto(DEMO_PAGES.github.url);
    const tabId = await detectedTabId(browser, DEMO_PAGES.github.url);
    await expect.poll(() => toolbarTitle(tabId), { timeout: 10_000 }).toBe(`Advocate: recommend ${OFFER}`);
    const [card] = await waitForLayers(repo, 1);
    expect(card!.html).toContain(`Recommend ${OFFER}`);
    expect(card!.html).toContain('Demo Database Co.');
    await screenshot(repo, 'journey-2-github-suggestion');

    const { page } = await openPopup(browser, tabId);
    const products = page.getByRole('list', { name: 'Products this page is about' });
    await products.waitFor();
    expect(await products.getByRole('heading', { name: 'MySQL' }).count()).toBe(1);
    const text = await products.innerText();
    expect(text).toContain(OFFER);
    expect(text).toContain('Demo Database Co.');
    await screenshot(page, 'journey-2-popup-offer');
    return { page, tabId };
  });

  // ---------------------------------------------------------------------------------------------
  const answerCode = await step(3, 'Stack Overflow answer: the rule shown, then link and disclosure inserted', async () => {
    const question = await browser.context.newPage();
    await question.goto(DEMO_PAGES.stackoverflow.url);
    await detectedTabId(browser, DEMO_PAGES.stackoverflow.url);
    await waitForLayers(question, 1);
    const box = question.locator('#wmd-input');
    const answer = 'COUNT(*) on InnoDB reads a whole index because of MVCC: keep a counter table updated by triggers, or read the estimate from information_schema.tables when an approximation is enough. ';
    await box.fill(answer);
    await box.press('End');
    await axClick(question, 'button', 'Insert a referral link');
    await axFind(question, 'dialog', 'Insert a referral link');
    await expect.poll(async () => (await layers(question)).map((l) => l.html).join('')).toContain('Disclose your affiliation in the answer itself');
    expect(await box.inputValue()).toBe(answer); // nothing inserted before Insert
    await screenshot(question, 'journey-3-stackoverflow-preview');
    await axClick(question, 'button', 'Insert');
    await expect.poll(() => box.inputValue()).toContain('paid referral link');
    const value = await box.inputValue();
    expect(value.startsWith(answer)).toBe(true);
    const [code] = codesIn(value);
    expect(code, 'the inserted text holds a referral link').toBeTruthy();
    expect(value).toContain(`${endpoint.url}/r/`);
    await screenshot(question, 'journey-3-stackoverflow-inserted');
    await question.close();
    return code!;
  });

  // ---------------------------------------------------------------------------------------------
  const offline = await step(4, 'offline: two more referrals and a deal, popup closed, worker stopped', async () => {
    await endpoint.stop();
    const offerValue = await popup.locator('#gen-offer option').evaluateAll((options, offer) => options.find((o) => o.textContent!.includes(`${offer} (Demo Database Co.)`))?.getAttribute('value'), OFFER);
    expect(offerValue, 'the popup offers the demo vendor’s MySQL offer').toBeTruthy();
    await popup.locator('#gen-offer').selectOption(offerValue!);
    const links: string[] = [];
    for (const [channel, campaign] of [['talk', 'fosdem-2027'], ['email', 'initech-followup']] as const) {
      await popup.getByLabel('Where you will share it').selectOption(channel);
      await popup.getByLabel('Campaign (optional)').fill(campaign);
      await popup.getByRole('button', { name: 'Create link' }).click();
      const field = popup.getByRole('textbox', { name: 'Referral link' });
      await expect.poll(async () => ((await field.count()) > 0 ? await field.inputValue() : '')).not.toBe(links.at(-1) ?? '');
      links.push(await field.inputValue());
    }
    expect(links.map((l) => l.startsWith(`${endpoint.url}/r/`))).toEqual([true, true]);
    await popup.getByRole('heading', { name: 'Your link' }).scrollIntoViewIfNeeded();
    await screenshot(popup, 'journey-4-offline-link');

    await popup.getByText('Register a deal for MySQL with Demo Database Co.').click();
    await popup.getByLabel('Customer organisation').fill('Initech');
    await popup.getByLabel('Customer domain').fill('initech.example');
    await popup.getByLabel('Expected seats (optional)').fill('25');
    await popup.getByRole('button', { name: 'Register deal' }).click();
    await popup.getByText('Deal for Initech registered with Demo Database Co.').waitFor();

    const activity = await ask(popup, 'activity.get');
    const stored = { referrals: activity.referrals.map((r) => r.id), deals: activity.deals.map((d) => d.id) };
    expect(stored.referrals).toHaveLength(3); // the Stack Overflow answer's and the two made offline
    expect(stored.deals).toHaveLength(1);
    expect(activity.unsynced).toBeGreaterThanOrEqual(3);
    await popup.close();

    const repo = browser.context.pages().find((p) => p.url() === DEMO_PAGES.github.url)!;
    const stopper = await workerStopper(browser.context, repo);
    await stopper.stop();
    await expect.poll(() => stopper.seen.stopped, { timeout: 10_000, message: 'the service worker stopped' }).toBeGreaterThan(0);
    return { ...stored, links };
  });

  // ---------------------------------------------------------------------------------------------
  await step(5, 'endpoint back: referrals and the deal arrive exactly once', async () => {
    await endpoint.start(); // the same data folder and port
    expect(endpoint.printed.url).toBe(endpoint.url);
    const page = await activityAfterSync(githubTab);
    const arrived = () => ({
      referrals: endpoint.query<{ id: string }>('SELECT id FROM referrals ORDER BY id').map((r) => r.id),
      deals: endpoint.query<{ id: string }>('SELECT id FROM deals ORDER BY id').map((r) => r.id),
    });
    await expect.poll(() => arrived().referrals.length, { timeout: 15_000 }).toBe(3);
    expect(arrived()).toEqual({ referrals: [...offline.referrals].sort(), deals: [...offline.deals].sort() });
    expect(endpoint.query('SELECT channel, campaign FROM referrals WHERE campaign IS NOT NULL ORDER BY campaign')).toEqual([
      { channel: 'talk', campaign: 'fosdem-2027' },
      { channel: 'email', campaign: 'initech-followup' },
    ]);
    // Everything is synced; a second pass sends nothing and the vendor still has each item once.
    await expect.poll(async () => (await ask(page, 'activity.get')).unsynced).toBe(0);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText('Sent 0, accepted 0, parked 0.').waitFor({ timeout: 15_000 });
    expect(arrived()).toEqual({ referrals: [...offline.referrals].sort(), deals: [...offline.deals].sort() });
    const { deals } = await endpoint.admin<{ deals: { customerName: string; status: string }[] }>('GET', '/v1/admin/deals');
    expect(deals.map((d) => [d.customerName, d.status])).toEqual([['Initech', 'pending']]);
    await screenshot(page, 'journey-5-synced');
    await page.close();
  });

  // ---------------------------------------------------------------------------------------------
  await step(6, 'a visitor in a clean browser follows the link: click counted, lands on the offer', async () => {
    const link = `${endpoint.url}/r/${answerCode}`;
    const visitorBrowser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', ...sites.chromiumArgs] });
    try {
      const visitor = await (await visitorBrowser.newContext()).newPage();
      await visitor.goto(link);
      expect(visitor.url()).toBe(`${OFFER_URL}?ref=${answerCode}`);
      expect(await visitor.getByRole('heading', { name: OFFER }).count()).toBe(1);
      await screenshot(visitor, 'journey-6-offer');
    } finally {
      await visitorBrowser.close();
    }
    expect(endpoint.query('SELECT COUNT(*) AS n FROM clicks WHERE code = ?', answerCode)).toEqual([{ n: 1 }]);
  });

  // ---------------------------------------------------------------------------------------------
  await step(7, 'vendor: deal approved, signed conversion, replay refused, refund reverses', async () => {
    const { deals } = await endpoint.admin<{ deals: { id: string }[] }>('GET', '/v1/admin/deals');
    expect(await endpoint.admin('POST', '/v1/admin/deals/approve', { ids: deals.map((d) => d.id) })).toEqual({ updated: 1, skipped: [] });

    const now = () => new Date().toISOString();
    // The order the clicked link led to: its checkout carried the code.
    const paid = signedEvent('msg_order_1001', { type: 'order.paid', data: { orderId: 'order-1001', referralCode: answerCode, productId: 'mysql', offerId: 'mysql-enterprise', amount: 100_000, currency: 'USD', occurredAt: now() } });
    const first = await postBilling(paid);
    expect(first).toMatchObject({ status: 200, json: { duplicate: false } });
    // The same delivery again (a retry, or someone replaying it): applied once only.
    const replay = await postBilling(paid);
    expect(replay).toMatchObject({ status: 200, json: { duplicate: true } });
    // A replay with a forged body under the old signature is refused outright.
    const forged = await postBilling({ headers: paid.headers, body: paid.body.replace('100000', '900000') });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(endpoint.query('SELECT order_id, amount FROM conversions')).toEqual([{ order_id: 'order-1001', amount: 100_000 }]);

    // Another order, from the approved deal's customer, then refunded in full.
    expect((await postBilling(signedEvent('msg_order_1002', { type: 'order.paid', data: { orderId: 'order-1002', customerDomain: 'initech.example', productId: 'mysql', amount: 50_000, currency: 'USD', occurredAt: now() } }))).status).toBe(200);
    const refund = await postBilling(signedEvent('msg_refund_1002', { type: 'order.refunded', data: { orderId: 'order-1002', amount: 50_000, currency: 'USD', occurredAt: now() } }));
    expect(refund).toMatchObject({ status: 200, json: { outcome: 'commission-reversed' } });

    const { commissions } = await endpoint.admin<{ commissions: { orderId: string; amount: number; state: string; reason: { bonus: number } }[] }>('GET', '/v1/admin/commissions');
    expect(commissions.map((c) => [c.orderId, c.amount, c.state, c.reason.bonus])).toEqual([
      ['order-1001', 11_000, 'pending', 1.1], // 10 % of $1,000, × 1.1 for a MySQL professional
      ['order-1002', 0, 'reversed', 1.1],
    ]);
    if (TAKE_SCREENSHOTS) {
      const dashboard = await openDashboard();
      await dashboard.getByRole('heading', { name: 'Commissions and why' }).scrollIntoViewIfNeeded();
      await screenshot(dashboard, 'journey-7-dashboard-commissions');
      await dashboard.close();
    }
  });

  // ---------------------------------------------------------------------------------------------
  await step(8, 'popup and dashboard agree; the period closes; the practitioner sees the statement', async () => {
    const tabId = githubTab;
    const page = await activityAfterSync(tabId);
    const referral = page.getByRole('region', { name: 'Recent referrals' }).getByRole('listitem').filter({ hasText: 'Forum answer' });
    await expect.poll(() => referral.innerText(), { timeout: 10_000 }).toContain('Clicks: 1 · Conversions: 1 · $110.00');
    const totals = await page.getByRole('table').getByRole('row', { name: /Demo Database Co\./ }).innerText();
    expect(totals.split(/\s+/).slice(-4)).toEqual(['3', '1', '2', '$110.00']); // referrals, clicks, conversions, commission
    await screenshot(page, 'journey-8-popup-activity');
    await page.close();

    const dashboard = await openDashboard();
    const figure = (name: string) => dashboard.locator('dl.figures div').filter({ has: dashboard.getByText(name, { exact: true }) }).locator('dd');
    await expect.poll(() => figure('Pending').innerText(), { timeout: 10_000 }).toBe('$110.00');
    const funnel = await dashboard.getByRole('table').filter({ has: dashboard.getByText('By practitioner') }).getByRole('row', { name: /Dana Demo/ }).innerText();
    expect(funnel.split(/\t|\s{2,}/).map((c) => c.trim()).filter(Boolean).slice(1, 4)).toEqual(['3', '1', '2']);
    await dashboard.getByRole('button', { name: 'Approve the commission on order-1001' }).click();
    await expect.poll(() => figure('Approved').innerText()).toBe('$110.00');
    await dashboard.getByRole('button', { name: 'Close the period now' }).click();
    await dashboard.getByRole('table', { name: 'Statements' }).getByRole('row', { name: /Dana Demo/ }).waitFor();
    await dashboard.getByRole('heading', { name: 'Payouts' }).scrollIntoViewIfNeeded();
    await screenshot(dashboard, 'journey-8-dashboard');
    await dashboard.close();

    const { page: popupAgain } = await openPopup(browser, tabId);
    await popupAgain.getByRole('tab', { name: /^Activity/ }).click();
    const statements = popupAgain.getByRole('region', { name: 'Payout statements' });
    await statements.waitFor({ timeout: 10_000 });
    const line = await statements.getByRole('listitem').innerText();
    expect(line).toContain('$110.00 · Demo Database Co.');
    expect(line).toContain('not paid yet');
    const listed = (await ask(popupAgain, 'statements.list')).vendors[0]!.statements;
    expect(listed.map((e) => [e.statement.total, e.statement.lines.map((l) => l.orderId)])).toEqual([[11_000, ['order-1001']]]);
    await statements.scrollIntoViewIfNeeded();
    await screenshot(popupAgain, 'journey-8-popup-statement');
    await popupAgain.close();
  });
});
