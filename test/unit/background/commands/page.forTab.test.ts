import { describe, expect, it } from 'vitest';
import { contentScript, DETECTION, enrolledWorker, makeWorker, REPO_URL, value } from '../world';

type TabPage = { url: string; match: { products: { productId: string }[] } } | null;

describe('page.forTab', () => {
  it('the popup sees the tab’s page after a worker restart, and nothing for a tab it never heard of', async () => {
    const world = await enrolledWorker();
    value(await world.send('page.detected', { url: REPO_URL, detection: DETECTION }, contentScript(REPO_URL, 9)));
    // A new worker over the same session storage and database.
    const restarted = makeWorker({ db: world.db, vendor: world.vendor });
    for (const [k, v] of world.session.data) restarted.session.data.set(k, v);
    const tab = value<TabPage>(await restarted.send('page.forTab', { tabId: 9 }));
    expect(tab?.url).toBe(REPO_URL);
    expect(tab?.match.products.map((p) => p.productId)).toContain('mysql');
    expect(value(await restarted.send('page.forTab', { tabId: 1234 }))).toBeNull();
  });
});
