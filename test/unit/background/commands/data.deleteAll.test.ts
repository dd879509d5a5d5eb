import { describe, expect, it } from 'vitest';
import { CREATE, contentScript, enrolledWorker, OPTIONS, POPUP, REPO_URL, value } from '../world';

/** An enrolled worker with something in every place data.deleteAll must empty. */
async function fullWorker() {
  const world = await enrolledWorker();
  value(await world.send('referrals.create', CREATE));
  value(await world.send('deals.register', { vendorId: 'acme', productId: 'mysql', customerName: 'Initech', customerDomain: 'initech.example' }));
  value(await world.send('settings.set', { sharePageUrl: 'full', mutedHosts: ['example.org'] }, OPTIONS));
  await world.syncer.syncAll({ force: true }); // stats, catalog
  const suggested = value(await world.send('page.detected', { url: REPO_URL, signals: {} }, contentScript(REPO_URL, 7)));
  expect(suggested).toMatchObject({ suggestion: { vendorName: 'Acme Data' } }); // positive control: enrolled, an offer for the page
  world.siteSurface.origins.add('https://discuss.example.com/*');
  world.siteSurface.matches = ['https://discuss.example.com/*'];
  world.health.report('storage-blocked', 'waiting');
  return world;
}

async function storeCounts(world: Awaited<ReturnType<typeof enrolledWorker>>) {
  const db = await world.db.get();
  return Object.fromEntries(await Promise.all([...db.objectStoreNames].map(async (name) => [name, await db.count(name)] as const)));
}

describe('data.deleteAll', () => {
  it('empties every store, storage area, alarm, badge and added site; the vendor is not told', async () => {
    const world = await fullWorker();
    const before = await storeCounts(world);
    for (const store of ['vendors', 'secrets', 'referrals', 'deals', 'stats', 'catalogs', 'meta']) expect(before[store], store).toBeGreaterThan(0); // positive control
    expect(world.session.data.size).toBeGreaterThan(0);
    expect(world.toolbar.titles.get(7)).toMatch(/recommend/i);
    const requests = world.vendor.requests.length;
    const badges = world.badgeRefreshes();

    expect(value(await world.send('data.deleteAll', { confirm: 'delete-all' }, OPTIONS))).toEqual({ vendors: 1, referrals: 1, deals: 1, sites: 1 });

    expect(Object.values(await storeCounts(world)).every((n) => n === 0)).toBe(true);
    expect(world.session.data.size).toBe(0);
    expect(world.local.local.size).toBe(0);
    expect(world.local.alarms).toEqual(['advocate-sync']);
    expect(world.local.tabBadgesCleared).toBe(1);
    expect(world.siteSurface.matches).toEqual([]);
    expect(world.siteSurface.removed).toEqual(['https://discuss.example.com/*']);
    expect(world.health.list()).toEqual([]);
    expect(world.toolbar.titles.get(7)).not.toMatch(/recommend/i);
    expect(world.badgeRefreshes()).toBeGreaterThan(badges);
    expect(world.vendor.requests.length).toBe(requests); // nothing sent: deletion is local
    expect(world.enrolment.deleted).toBe(0);

    // As after a fresh install: default settings, nothing enrolled, nothing to suggest.
    const settings = value<{ sharePageUrl: string; mutedHosts: string[] }>(await world.send('settings.get', {}, OPTIONS));
    expect(settings).toMatchObject({ sharePageUrl: 'host', mutedHosts: [] });
    expect(value<{ vendors: unknown[] }>(await world.send('vendors.list', {}, OPTIONS)).vendors).toEqual([]);
    const again = await world.send('page.detected', { url: REPO_URL, signals: {} }, contentScript(REPO_URL, 7));
    expect(value<{ suggestion: unknown } | null>(again)?.suggestion ?? null).toBeNull();
  });

  it('can enrol again afterwards, and a new referral is made under the new enrolment', async () => {
    const world = await fullWorker();
    value(await world.send('data.deleteAll', { confirm: 'delete-all' }, OPTIONS));
    world.enrolment.codes.add('GOOD-CODE');
    value(await world.send('vendors.enrol', { endpoint: world.vendor.endpoint, code: 'GOOD-CODE' }, OPTIONS));
    value(await world.send('referrals.create', CREATE));
    const db = await world.db.get();
    expect(await db.count('secrets')).toBe(1);
    expect(await db.count('referrals')).toBe(1);
  });

  it('is refused without the confirm step, and from the popup and content scripts; nothing is deleted', async () => {
    const world = await fullWorker();
    const before = await storeCounts(world);
    for (const [payload, sender] of [
      [{}, OPTIONS],
      [{ confirm: 'yes' }, OPTIONS],
      [{ confirm: 'delete-all', extra: 1 }, OPTIONS],
      [{ confirm: 'delete-all' }, POPUP],
      [{ confirm: 'delete-all' }, contentScript()],
    ] as const) {
      const answer = await world.send('data.deleteAll', payload, sender);
      expect(answer.ok, JSON.stringify(payload)).toBe(false);
    }
    expect(await storeCounts(world)).toEqual(before);
    expect(world.siteSurface.matches).toEqual(['https://discuss.example.com/*']);
    expect(world.local.alarmResets).toBe(0);
  });
});
