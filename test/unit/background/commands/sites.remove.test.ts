import { describe, expect, it } from 'vitest';
import { GrantedSites } from '../../../../src/background/sites';
import { enrolledWorker, FakeSiteSurface, makeWorker, OPTIONS, value } from '../world';

describe('sites.remove', () => {
  it('unregisters the site and gives its permission back', async () => {
    const world = makeWorker();
    world.siteSurface.origins.add('https://discuss.example.com/*');
    world.siteSurface.matches = ['https://discuss.example.com/*', 'https://forum.example.org/*'];
    expect(value(await world.send('sites.remove', { host: 'discuss.example.com' }, OPTIONS))).toEqual([{ host: 'forum.example.org', pattern: 'https://forum.example.org/*' }]);
    expect(world.siteSurface.removed).toEqual(['https://discuss.example.com/*']);
  });

  it('keeps the permission when an enrolled vendor’s endpoint is on that host', async () => {
    const world = await enrolledWorker(); // endpoint https://vendor.test
    world.siteSurface.matches = ['https://vendor.test/*'];
    value(await world.send('sites.remove', { host: 'vendor.test' }, OPTIONS));
    expect(world.siteSurface.matches).toEqual([]);
    expect(world.siteSurface.removed).toEqual([]);
  });

  it('at start, drops a site whose permission the practitioner withdrew in the browser', async () => {
    const surface = new FakeSiteSurface();
    surface.matches = ['https://discuss.example.com/*', 'https://forum.example.org/*'];
    surface.origins.add('https://forum.example.org/*');
    const heard: string[][] = [];
    await new GrantedSites(surface, (m) => heard.push(m)).reconcile();
    expect(surface.matches).toEqual(['https://forum.example.org/*']);
    expect(heard).toEqual([['https://forum.example.org/*']]);
  });

  it('at start, registers the saved sites again when the browser dropped the registration (an update, a reload)', async () => {
    const surface = new FakeSiteSurface();
    surface.saved = ['https://discuss.example.com/*', 'https://forum.example.org/*'];
    surface.matches = []; // what the browser kept of the registration
    surface.origins.add('https://discuss.example.com/*').add('https://forum.example.org/*');
    const sites = new GrantedSites(surface);
    await sites.reconcile();
    expect(surface.matches).toEqual(['https://discuss.example.com/*', 'https://forum.example.org/*']);
    expect((await sites.list()).map((site) => site.host)).toEqual(['discuss.example.com', 'forum.example.org']);
  });
});

