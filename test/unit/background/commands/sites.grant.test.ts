import { describe, expect, it } from 'vitest';
import { contentScript, makeWorker, OPTIONS, value } from '../world';

describe('sites.grant', () => {
  it('registers the content script for a host the browser granted, and runs it in the popup’s tab at once', async () => {
    const world = makeWorker();
    world.siteSurface.origins.add('https://discuss.example.com/*');
    expect(value(await world.send('sites.grant', { host: 'discuss.example.com', tabId: 5 }))).toEqual([{ host: 'discuss.example.com', pattern: 'https://discuss.example.com/*' }]);
    expect(world.siteSurface.matches).toEqual(['https://discuss.example.com/*']);
    expect(world.tabAccess.injected).toEqual([5]);
    value(await world.send('sites.grant', { host: 'discuss.example.com' }));
    expect(world.siteSurface.matches).toEqual(['https://discuss.example.com/*']); // once
  });

  it('registers nothing the browser did not grant, nor anything but one host, nor for a web page', async () => {
    const world = makeWorker();
    expect(await world.send('sites.grant', { host: 'discuss.example.com', tabId: 5 })).toMatchObject({ ok: false, error: { code: 'not-granted' } });
    expect(await world.send('sites.grant', { host: '*.example.com' })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await world.send('sites.grant', { host: 'discuss.example.com' }, contentScript())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await world.send('sites.grant', { host: 'discuss.example.com' }, OPTIONS)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(world.siteSurface.matches).toEqual([]);
    expect(world.tabAccess.injected).toEqual([]);
  });
});
