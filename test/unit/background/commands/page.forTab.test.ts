import { describe, expect, it } from 'vitest';
import { contentScript, enrolledWorker, makeWorker, REPO_URL, value } from '../world';

type TabPage = { url: string; access: string; match: { pageType: string; products: { productId: string }[] } } | null;

describe('page.forTab', () => {
  it('the popup sees the tab’s page after a worker restart, and nothing for a tab it never heard of', async () => {
    const world = await enrolledWorker();
    value(await world.send('page.detected', { url: REPO_URL, signals: {} }, contentScript(REPO_URL, 9)));
    // A new worker over the same session storage and database.
    const restarted = makeWorker({ db: world.db, vendor: world.vendor });
    for (const [k, v] of world.session.data) restarted.session.data.set(k, v);
    const tab = value<TabPage>(await restarted.send('page.forTab', { tabId: 9 }));
    expect(tab?.url).toBe(REPO_URL);
    expect(tab?.access).toBe('declared');
    expect(tab?.match.products.map((p) => p.productId)).toContain('mysql');
    expect(value(await restarted.send('page.forTab', { tabId: 1234 }))).toBeNull();
  });

  it('on a site without the content script, reads the page once after the toolbar click and remembers it', async () => {
    const world = await enrolledWorker();
    world.tabAccess.readable.set(5, { url: 'https://discuss.example.org/t/slow-mysql-queries/12', signals: { generator: 'Discourse 3.3.0' } });
    const tab = value<TabPage>(await world.send('page.forTab', { tabId: 5 }));
    expect(tab).toMatchObject({ url: 'https://discuss.example.org/t/slow-mysql-queries/12', access: 'once', match: { pageType: 'forum' } });
    expect(world.session.data.get('tab:5')).toMatchObject({ url: 'https://discuss.example.org/t/slow-mysql-queries/12' });
    expect(world.toolbar.titles.get(5)).toBe('Advocate: nothing here matches your vendors’ products');
  });

  it('checks what the page gave: hostile signals or a non-web address read as nothing', async () => {
    const world = makeWorker();
    world.tabAccess.readable.set(5, { url: 'https://discuss.example.org/', signals: { generator: 'x'.repeat(10_000) } });
    world.tabAccess.readable.set(6, { url: 'chrome://settings', signals: {} });
    expect(value(await world.send('page.forTab', { tabId: 5 }))).toBeNull();
    expect(value(await world.send('page.forTab', { tabId: 6 }))).toBeNull();
    expect(world.session.data.size).toBe(0);
  });
});
