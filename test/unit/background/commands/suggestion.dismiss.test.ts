import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../../src/core/messages/settings';
import type { SuggestionView } from '../../../../src/core/messages/views';
import { contentScript, enrolledWorker, makeWorker, REPO_URL, value } from '../world';

const ISSUE = 'https://github.com/mysql/mysql-server/issues/1';

describe('suggestion.dismiss', () => {
  it('× remembers the product on this site only; the page then hears nothing, the same product elsewhere still shows', async () => {
    const world = await enrolledWorker();
    value(await world.send('page.detected', { url: REPO_URL, signals: {} }, contentScript(REPO_URL, 9)));
    const after = value<SuggestionView>(await world.send('suggestion.dismiss', { productId: 'mysql', scope: 'here' }, contentScript(REPO_URL, 9)));
    expect(after.suggestion).toBeNull();
    expect(world.toolbar.titles.get(9)).toBe('Advocate: nothing here matches your vendors’ products');
    expect(value<Settings>(await world.send('settings.get')).dismissed).toEqual(['mysql@github.com']);
    const question = 'https://stackoverflow.com/questions/1/slow-mysql-count';
    const elsewhere = value<SuggestionView>(await world.send('page.detected', { url: question, signals: { tags: ['mysql'] } }, contentScript(question, 10)));
    expect(elsewhere.suggestion?.productId).toBe('mysql');
  });

  it('"Not on this site" and "Not for this product" go to the settings the options page shows, once each', async () => {
    const world = await enrolledWorker();
    value(await world.send('page.detected', { url: ISSUE, signals: {} }, contentScript(ISSUE, 9)));
    value(await world.send('suggestion.dismiss', { productId: 'mysql', scope: 'site' }, contentScript(ISSUE, 9)));
    value(await world.send('suggestion.dismiss', { productId: 'mysql', scope: 'site' }, contentScript(ISSUE, 9)));
    value(await world.send('suggestion.dismiss', { productId: 'mysql', scope: 'product' }, contentScript(ISSUE, 9)));
    expect(value<Settings>(await world.send('settings.get'))).toMatchObject({ mutedHosts: ['github.com'], mutedProducts: ['mysql'], dismissed: [] });
  });

  it('a page speaks only for its own site, and refuses a bad scope', async () => {
    const world = makeWorker();
    expect(await world.send('suggestion.dismiss', { productId: 'mysql', scope: 'everywhere' }, contentScript(REPO_URL))).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    value(await world.send('suggestion.dismiss', { productId: 'mysql', scope: 'site' }, contentScript('https://news.example.com/a', 3)));
    expect(value<Settings>(await world.send('settings.get')).mutedHosts).toEqual(['news.example.com']);
  });
});
