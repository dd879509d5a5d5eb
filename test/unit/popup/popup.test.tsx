// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityView } from '../../../src/core/messages';
import { Popup } from '../../../src/popup/Popup';
import { credential, EMPTY_ACTIVITY, referral, SETTINGS, SHARE, vendor, WIDGETDB_MATCH } from '../ui/fixtures';
import { button, click, en, fail, fakeEnv, installI18n, mount, settle, submit, type, type Handlers, type Mounted } from '../ui/harness';

const ISSUE_URL = 'https://github.com/acme/widgetdb/issues/12';

const enrolled = () => ({
  vendors: [vendor('acme', 'Acme', [credential('valid')]), vendor('globex', 'Globex', [credential('expired')])],
  problems: [],
});

function handlers(overrides: Handlers = {}): Handlers {
  return {
    'page.forTab': () => ({ url: ISSUE_URL, match: WIDGETDB_MATCH, access: 'declared' }),
    'vendors.list': enrolled,
    'activity.get': () => EMPTY_ACTIVITY,
    'settings.get': () => SETTINGS,
    ...overrides,
  };
}

let view: Mounted | undefined;
beforeEach(installI18n);
afterEach(() => view?.unmount());

async function open(h: Handlers, opts?: Parameters<typeof fakeEnv>[1]) {
  const env = fakeEnv(h, opts);
  view = await mount(env, <Popup />);
  await settle();
  return { env, view };
}

describe('popup states', () => {
  it('loading: renders a skeleton at once, before any answer', async () => {
    const never = () => new Promise<never>(() => {});
    const env = fakeEnv({ 'page.forTab': never, 'vendors.list': never, 'activity.get': never, 'settings.get': never });
    view = await mount(env, <Popup />);
    expect(view.container.querySelector('[aria-busy="true"]')?.textContent).toContain(en('loadingPage'));
    expect(view.container.querySelectorAll('[role="tab"]')).toHaveLength(2);
    // the reads go out during the first render, in parallel, not one after the other
    expect(env.calls.map((c) => c.name).sort()).toEqual(['activity.get', 'page.forTab', 'settings.get', 'vendors.list']);
    expect(env.callsTo('page.forTab')).toEqual([{ tabId: 7 }]);
  });

  it('calls onFirstRender once the page and the vendors are known', async () => {
    let marks = 0;
    const env = fakeEnv(handlers());
    view = await mount(env, <Popup onFirstRender={() => marks++} />);
    await settle();
    expect(marks).toBe(1);
  });

  it('offline: says sync waits, and everything else still works', async () => {
    const { env } = await open(handlers(), { online: false });
    expect(view!.text()).toContain(en('offlineNote'));
    expect(view!.text()).toContain('WidgetDB Enterprise');
    env.setOnline(true);
    await settle();
    expect(view!.text()).not.toContain(en('offlineNote'));
  });

  it('not enrolled: shows the first-run path to the options page', async () => {
    const { env } = await open(handlers({ 'vendors.list': () => ({ vendors: [], problems: [] }) }));
    expect(view!.text()).toContain(en('firstRunTitle'));
    await click(button(view!.container, en('firstRunAction')));
    expect(env.optionsOpened).toBe(1);
    // nothing can be recommended without an enrolment
    expect(view!.container.querySelector('#gen-offer')).toBeNull();
  });

  it('no match: says so and searches the catalog', async () => {
    const { env } = await open(
      handlers({
        'page.forTab': () => ({ url: 'https://example.org/blog', match: { ...WIDGETDB_MATCH, pageType: 'other', products: [] }, access: 'once' }),
        'catalog.search': () => [
          { vendorId: 'acme', vendorName: 'Acme', productId: 'widgetdb', productName: 'WidgetDB', description: 'The widget database', enrolled: true, offers: [{ id: 'enterprise', name: 'WidgetDB Enterprise', url: 'https://shop.example/enterprise', adds: 'Adds support.' }] },
        ],
      }),
    );
    expect(view!.text()).toContain(en('noMatch'));
    await type(view!.container.querySelector('#catalog-query'), '  widget ');
    await submit(view!.container.querySelector('form[role="search"]'));
    expect(env.callsTo('catalog.search')).toEqual([{ query: 'widget', limit: 10 }]);
    expect(view!.text()).toContain('The widget database');
    expect(view!.container.querySelectorAll('#gen-offer option')).toHaveLength(1);
  });

  it('match with several vendors: offers, what each adds, and certification per vendor', async () => {
    await open(handlers());
    const text = view!.text();
    expect(text).toContain(en('pageTypeLine', en('pageType_project'), 'GitHub'));
    expect(text).toContain('Adds point-in-time recovery and 24/7 support.');
    expect(text).toContain('Adds a fully managed cluster with automatic failover.');
    const badges = [...view!.container.querySelectorAll<HTMLElement>('.vendor .badge')].map((b) => b.dataset.state);
    expect(badges).toEqual(['valid', 'expired']);
    expect(view!.container.querySelector('.vendor .badge-ok')?.textContent).toContain(en('credState_valid'));
    expect(view!.container.querySelector('.vendor .badge-bad')?.textContent).toContain(en('credState_expired'));
    // Initech is in the catalog but the practitioner is not enrolled there: no offer of theirs to pick
    expect(text).toContain(en('enrolToRecommend', 'Initech'));
    const options = [...view!.container.querySelectorAll<HTMLOptionElement>('#gen-offer option')].map((o) => o.value);
    expect(options).toEqual(['acme/widgetdb/enterprise', 'globex/widgetdb/managed']);
  });

  it('error: the worker answering ok:false for everything still renders, with its message', async () => {
    const env = fakeEnv({}); // every command: { ok: false, error: "no handler for …" }
    view = await mount(env, <Popup />);
    await settle();
    const alerts = [...view.container.querySelectorAll('[role="alert"]')].map((a) => a.textContent);
    expect(alerts.some((a) => a?.includes('no handler for vendors.list'))).toBe(true);
    expect(alerts.some((a) => a?.includes('no handler for page.forTab'))).toBe(true);
    await click(view.container.querySelector('#tab-activity'));
    expect(view.text()).toContain('no handler for activity.get');
  });

  it('error: a tab the popup cannot read is reported, not thrown', async () => {
    const env = fakeEnv(handlers());
    env.activeTab = () => Promise.reject(new Error('tabs API unavailable'));
    view = await mount(env, <Popup />);
    await settle();
    expect(view.container.querySelector('[role="alert"]')?.textContent).toContain('tabs API unavailable');
  });

  it('shows stored problems from the worker once, wherever they come from', async () => {
    const reenrol = { code: 'vendor-reenrol', message: 'Acme no longer accepts your enrolment: enrol again.', vendorId: 'acme', at: '2026-03-01T10:00:00Z' };
    const full = { code: 'storage-full', message: 'Storage is full: free some disk space.', at: '2026-03-01T10:00:00Z' };
    await open(
      handlers({
        'vendors.list': () => ({ ...enrolled(), problems: [reenrol] }),
        'activity.get': () => ({ ...EMPTY_ACTIVITY, problems: [reenrol, full] }),
      }),
    );
    expect(view!.text()).toContain(reenrol.message);
    await click(view!.container.querySelector('#tab-activity'));
    expect(view!.text().split(reenrol.message)).toHaveLength(2);
    expect(view!.text()).toContain(full.message);
  });
});

describe('activity', () => {
  const withParked: ActivityView = {
    ...EMPTY_ACTIVITY,
    referrals: [
      referral('0c3f0c6e-2b8e-4d7a-9a34-6f1d0c1e9a01', 'synced', { stats: { clicks: 12, conversions: 2, commission: { pending: 1500, approved: 500, paid: 0, reversed: 0 } } }),
      referral('0c3f0c6e-2b8e-4d7a-9a34-6f1d0c1e9a02', 'parked', { error: 'Acme refused the referral: unknown offer "enterprise".' }),
    ],
    parked: [
      referral('0c3f0c6e-2b8e-4d7a-9a34-6f1d0c1e9a02', 'parked', { error: 'Acme refused the referral: unknown offer "enterprise".', canRetry: true, productName: 'WidgetDB', offerName: 'WidgetDB Enterprise' }),
      referral('0c3f0c6e-2b8e-4d7a-9a34-6f1d0c1e9a03', 'held', { vendorId: 'initech', error: 'You left Initech before this was delivered. It is kept on this device.' }),
    ],
    totals: [
      { vendorId: 'acme', vendorName: 'Acme', currency: 'USD', referrals: 2, clicks: 12, conversions: 2, commission: { pending: 1500, approved: 500, paid: 0, reversed: 0 } },
      { vendorId: 'globex', vendorName: 'Globex', currency: 'EUR', referrals: 1, clicks: 3, conversions: 0, commission: { pending: 0, approved: 0, paid: 0, reversed: 0 } },
    ],
    unsynced: 1,
  };

  it('lists referrals with sync state and results, totals with a chart, and retries a parked item', async () => {
    const { env } = await open(
      handlers({
        'activity.get': () => withParked,
        'outbox.retry': () => ({ requeued: true }),
        'sync.now': () => ({ sent: 1, accepted: 0, parked: 1, vendors: [{ vendorId: 'acme', status: 'ok', error: 'unknown offer' }] }),
      }),
    );
    expect(env.callsTo('activity.get')).toEqual([{ limit: 25, markSeen: true }]);
    expect(view!.container.querySelector('#tab-activity')?.textContent).toContain('(1)');
    await click(view!.container.querySelector('#tab-activity'));
    const text = view!.text();
    expect(text).toContain(en('parkedTitle'));
    expect(text).toContain('unknown offer "enterprise"');
    expect([...view!.container.querySelectorAll<HTMLElement>('.referral .badge')].map((b) => b.dataset.sync)).toEqual(['synced', 'parked']);
    expect(text).toContain(en('referralStats', 12, 2, '$20.00'));
    expect(view!.container.querySelectorAll('svg.chart rect')).toHaveLength(4);
    // the chart can be read: a title, each vendor's label, each bar's value, an axis from 0 with round ticks
    const chart = view!.container.querySelector('.chart-figure')!;
    expect(chart.querySelector('figcaption')?.textContent).toBe(en('chartTitle'));
    expect([...chart.querySelectorAll('.chart-row .chart-label')].map((l) => l.textContent)).toEqual(['Acme', 'Globex']);
    expect([...chart.querySelectorAll('.chart-value')].map((l) => l.textContent)).toEqual(['12', '2', '3', '0']);
    expect([...chart.querySelectorAll('.chart-tick text')].map((l) => l.textContent)).toEqual(['0', '10', '20']);
    expect(chart.querySelector('.legend')?.textContent).toContain(en('conversions'));
    // names a person reads, not ids
    expect(view!.container.querySelector('.parked-item strong')?.textContent).toBe(en('parkedReferral', 'WidgetDB', 'WidgetDB Enterprise'));

    await click(button(view!.container.querySelector('.parked')!, en('retry')));
    expect(env.callsTo('outbox.retry')).toEqual([{ id: '0c3f0c6e-2b8e-4d7a-9a34-6f1d0c1e9a02' }]);
    expect(view!.text()).toContain(en('retryQueued'));
    expect(env.callsTo('activity.get')).toHaveLength(2);

    await click(button(view!.container, en('syncNow')));
    expect(env.callsTo('sync.now')).toHaveLength(1);
    expect(view!.text()).toContain(en('syncReport', 1, 0, 1));
    expect(view!.text()).toContain('Acme: unknown offer');
  });

  it('shows no chart of zeros: before the first click or conversion a line says the chart comes with it', async () => {
    const none = { ...withParked, totals: withParked.totals.map((total) => ({ ...total, clicks: 0, conversions: 0 })) };
    await open(handlers({ 'activity.get': () => none }));
    await click(view!.container.querySelector('#tab-activity'));
    expect(view!.container.querySelector('.chart-figure')).toBeNull();
    expect(view!.text()).toContain(en('chartNothingYet'));
    expect(view!.container.querySelector('table.totals')).not.toBeNull(); // the numbers stay
  });

  it('offers Retry only where the worker says it can succeed, and Delete for every item', async () => {
    const { env } = await open(handlers({ 'activity.get': () => withParked, 'outbox.discard': () => ({ discarded: true }) }));
    await click(view!.container.querySelector('#tab-activity'));
    const items = [...view!.container.querySelectorAll('.parked-item')];
    expect(items.map((li) => [...li.querySelectorAll('button')].map((b) => b.textContent))).toEqual([
      [en('retry'), en('discard')],
      [en('discard')],
    ]);
    expect(items[1]!.textContent).toContain('You left Initech');
    await click(button(items[1]!, en('discard')));
    expect(env.callsTo('outbox.discard')).toEqual([{ id: '0c3f0c6e-2b8e-4d7a-9a34-6f1d0c1e9a03' }]);
    expect(view!.text()).toContain(en('discarded'));
  });

  it('shows the worker message when a retry fails', async () => {
    await open(handlers({ 'activity.get': () => withParked, 'outbox.retry': () => fail('That item is no longer in the outbox.', 'not-found') }));
    await click(view!.container.querySelector('#tab-activity'));
    await click(button(view!.container.querySelector('.parked')!, en('retry')));
    expect(view!.text()).toContain('That item is no longer in the outbox.');
  });
});

describe('tabs', () => {
  it('follow the ARIA pattern: arrow keys move the selection and the focus', async () => {
    await open(handlers());
    const tabs = view!.container.querySelectorAll<HTMLElement>('[role="tab"]');
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true');
    expect(tabs[1]!.tabIndex).toBe(-1);
    tabs[0]!.focus();
    tabs[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await settle();
    const after = view!.container.querySelectorAll<HTMLElement>('[role="tab"]');
    expect(after[1]!.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(after[1]);
    expect(view!.container.querySelector('[role="tabpanel"]')?.getAttribute('aria-labelledby')).toBe('tab-activity');
  });
});
