import { describe, expect, it } from 'vitest';
import { contentScript, makeWorker, OPTIONS, REPO_URL, value } from '../world';

describe('suggestion.open', () => {
  it('opens the popup about the sender’s tab; only a content script may ask', async () => {
    const world = makeWorker();
    value(await world.send('suggestion.open', {}, contentScript(REPO_URL, 4)));
    expect(world.tabAccess.popups).toEqual([4]);
    expect(await world.send('suggestion.open', {}, OPTIONS)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(world.tabAccess.popups).toEqual([4]);
  });
});
