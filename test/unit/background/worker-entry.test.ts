import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deliver, dropEntryTimersAfterFile, FAKE_EXTENSION_ID, installFakeChrome } from './fake-chrome';

const popup = { id: FAKE_EXTENSION_ID, url: `chrome-extension://${FAKE_EXTENSION_ID}/src/popup/index.html` };

async function loadWorker(stored: Record<string, unknown> = {}) {
  vi.resetModules();
  const fake = installFakeChrome();
  for (const [key, value] of Object.entries(stored)) fake.chrome.storage.local.items.set(key, value);
  const fetch = vi.fn(async () => new Response('{}', { status: 503 }));
  vi.stubGlobal('fetch', fetch);
  await import('../../../src/background/index');
  return { ...fake, fetch };
}

afterEach(() => {
  vi.unstubAllGlobals();
});
dropEntryTimersAfterFile();

describe('service worker entry', () => {
  it('registers its listeners synchronously at load and (re-)creates the sync alarm (≥ 30 s)', async () => {
    const { chrome, alarms } = await loadWorker();
    expect(chrome.runtime.onMessage.listeners).toHaveLength(1);
    expect(chrome.alarms.onAlarm.listeners).toHaveLength(1);
    expect(chrome.tabs.onRemoved.listeners).toHaveLength(1);
    expect(chrome.tabs.onUpdated.listeners).toHaveLength(1);
    await vi.waitFor(() => expect(alarms.get('advocate-sync')?.periodInMinutes).toBeGreaterThanOrEqual(0.5));
  });

  it('answers commands asynchronously through the router and ignores foreign messages', async () => {
    const { chrome } = await loadWorker();
    const answered = await deliver(chrome, { advocate: 1, name: 'settings.get', payload: {} }, popup);
    expect(answered.returned).toBe(true);
    expect(answered.response).toMatchObject({ ok: true, value: { sharePageUrl: 'host' } });
    const foreign = await deliver(chrome, { type: 'something-else' }, popup);
    expect(foreign.returned).toBe(false);
    const stranger = await deliver(chrome, { advocate: 1, name: 'settings.get', payload: {} }, { id: 'another-extension', url: 'chrome-extension://another/x.html' });
    expect(stranger.response).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('keeps the last detection of a tab in session storage and forgets it when the tab closes', async () => {
    const { chrome, session } = await loadWorker();
    const url = 'https://github.com/mysql/mysql-server';
    await deliver(chrome, { advocate: 1, name: 'page.detected', payload: { url, signals: {} } }, { id: FAKE_EXTENSION_ID, url, tab: { id: 5 } as chrome.tabs.Tab, frameId: 0 });
    expect(session.has('tab:5')).toBe(true);
    const forTab = await deliver(chrome, { advocate: 1, name: 'page.forTab', payload: { tabId: 5 } }, popup);
    expect(forTab.response).toMatchObject({ ok: true, value: { url } });
    chrome.tabs.onRemoved.emit(5);
    await vi.waitFor(() => expect(session.has('tab:5')).toBe(false));
  });

  it('forgets a tab’s page as soon as the tab starts loading another one: no old product, no old URL', async () => {
    const { chrome, session } = await loadWorker();
    const url = 'https://github.com/mysql/mysql-server';
    const tab = { id: FAKE_EXTENSION_ID, url, tab: { id: 5 } as chrome.tabs.Tab, frameId: 0 };
    await deliver(chrome, { advocate: 1, name: 'page.detected', payload: { url, signals: {} } }, tab);
    chrome.tabs.onUpdated.emit(5, { title: 'MySQL' }, { id: 5, status: 'complete' }); // not a navigation
    expect((await deliver(chrome, { advocate: 1, name: 'page.forTab', payload: { tabId: 5 } }, popup)).response).toMatchObject({ ok: true, value: { url } });
    chrome.tabs.onUpdated.emit(5, { status: 'loading' }, { id: 5, status: 'loading' }); // the tab goes to a page that matches nothing
    expect((await deliver(chrome, { advocate: 1, name: 'page.forTab', payload: { tabId: 5 } }, popup)).response).toEqual({ ok: true, value: null });
    expect(session.has('tab:5')).toBe(false);
  });

  it('drops the catalog host list that earlier versions kept in storage.local, and nothing else', async () => {
    const { chrome } = await loadWorker({ 'advocate:catalog-hosts': { 'host:discuss.elastic.co': 1 }, 'advocate:granted-sites': [] });
    await vi.waitFor(() => expect(chrome.storage.local.items.has('advocate:catalog-hosts')).toBe(false));
    expect(chrome.storage.local.items.has('advocate:granted-sites')).toBe(true);
  });

  it('sets the badge at start', async () => {
    const { badge, chrome } = await loadWorker();
    await vi.waitFor(() => expect(chrome.action.setBadgeText).toHaveBeenCalled());
    expect(badge.text).toBe('');
  });

  it('syncs on the alarm and when the browser comes back online, under the shared lock', async () => {
    const { chrome, self, locks } = await loadWorker();
    const before = locks.requests;
    chrome.alarms.onAlarm.emit({ name: 'advocate-sync' });
    await vi.waitFor(() => expect(locks.requests).toBe(before + 1));
    chrome.alarms.onAlarm.emit({ name: 'someone-elses-alarm' });
    self.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(locks.requests).toBe(before + 2));
  });

  it('adds its context-menu entries on install and types a referral into the reply box only after a click', async () => {
    const { chrome } = await loadWorker();
    chrome.runtime.onInstalled.emit({ reason: 'update' });
    await Promise.resolve();
    expect(chrome.tabs.create).not.toHaveBeenCalled(); // an update opens nothing
    chrome.runtime.onInstalled.emit({ reason: 'install' });
    // the welcome, once, in a tab of its own
    await vi.waitFor(() => expect(chrome.tabs.create).toHaveBeenCalledWith({ url: expect.stringMatching(/^chrome-extension:\/\/[a-z]+\/src\/options\/index\.html$/), active: true }));
    expect(chrome.tabs.create).toHaveBeenCalledTimes(1);
    expect(chrome.contextMenus.create).toHaveBeenCalledWith(expect.objectContaining({ id: 'advocate-insert-referral', contexts: ['editable'] }));
    expect(chrome.contextMenus.onClicked.listeners).toHaveLength(1);
    // Not enrolled with anyone: the click explains itself on the badge and inserts nothing.
    chrome.contextMenus.onClicked.emit({ menuItemId: 'advocate-insert-referral', pageUrl: 'https://github.com/mysql/mysql-server/issues/1' }, { id: 9 });
    await vi.waitFor(() => expect(chrome.action.setBadgeText).toHaveBeenCalledWith({ tabId: 9, text: '?' }));
    expect(chrome.scripting.executeScript).not.toHaveBeenCalled(); // no reply preview asked of the page
  });
});
