import { describe, expect, it } from 'vitest';
import { contentScript, DETECTION, makeWorker, REPO_URL, value } from '../world';

describe('page.left', () => {
  it('a single-page site navigated to a page nobody reports: the tab’s old page is forgotten', async () => {
    const world = makeWorker();
    value(await world.send('page.detected', { url: REPO_URL, detection: DETECTION }, contentScript(REPO_URL, 9)));
    expect(value(await world.send('page.forTab', { tabId: 9 }))).toMatchObject({ url: REPO_URL });
    value(await world.send('page.left', {}, contentScript('https://github.com/settings', 9)));
    expect(value(await world.send('page.forTab', { tabId: 9 }))).toBeNull();
    expect(world.toolbar.titles.get(9)).toBe('Advocate: nothing here matches your vendors’ products');
  });

  it('clears only the sender’s own tab', async () => {
    const world = makeWorker();
    value(await world.send('page.detected', { url: REPO_URL, detection: DETECTION }, contentScript(REPO_URL, 9)));
    value(await world.send('page.left', {}, contentScript('https://example.org/', 10)));
    expect(value(await world.send('page.forTab', { tabId: 9 }))).toMatchObject({ url: REPO_URL });
  });
});
