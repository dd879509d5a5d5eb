import { describe, expect, it } from 'vitest';
import { makeWorker, OPTIONS, value } from '../world';

describe('sites.list', () => {
  it('lists the one-site patterns registered for the content script, not anything else registered', async () => {
    const world = makeWorker();
    world.siteSurface.matches = ['https://discuss.example.com/*', 'https://*.example.org/*'];
    expect(value(await world.send('sites.list', {}, OPTIONS))).toEqual([{ host: 'discuss.example.com', pattern: 'https://discuss.example.com/*' }]);
    expect(value(await world.send('sites.list'))).toHaveLength(1); // the popup may ask too
  });
});
