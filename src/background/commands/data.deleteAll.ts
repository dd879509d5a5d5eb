// Deletes everything Advocate keeps in this browser: every IndexedDB store (vendors, secrets,
// referrals, deals, stats, catalogs, settings), storage.local and storage.session, alarms, the
// badges and toolbar states, and the sites added with "Suggest on this site" (their permissions
// given back). Vendors are not told: they keep what they already received. Afterwards the
// extension is as after a fresh install and can enrol again.
import * as v from 'valibot';
import { parseEndpointUrl } from '../../core/schema/url';
import { command } from './command';

export interface DeletedCounts {
  vendors: number;
  referrals: number;
  deals: number;
  sites: number;
}

export default command({
  name: 'data.deleteAll',
  callers: ['options'],
  // The options page's confirm step sends this literal; nothing else deletes.
  payload: v.strictObject({ confirm: v.literal('delete-all', 'confirm must be "delete-all"') }),
  async handle(_payload, _ctx, s): Promise<DeletedCounts> {
    const db = await s.db.get();
    const [vendors, sites, tabs] = await Promise.all([db.getAll('vendors'), s.sites.list(), s.tabs.all()]);
    const endpoints = new Set(vendors.flatMap((vendor) => {
      const parsed = parseEndpointUrl(vendor.endpoint);
      return parsed.ok ? [parsed.permissionPattern] : [];
    }));
    const stores = [...db.objectStoreNames];
    const tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
    const counts = await Promise.all([tx.objectStore('referrals').count(), tx.objectStore('deals').count()]);
    await Promise.all([...stores.map((name) => tx.objectStore(name).clear()), tx.done]);
    await s.local.clearStorage();
    for (const problem of s.health.list()) s.health.clear(problem.code);
    // An endpoint's permission stays, as after vendors.leave: it is the browser's, not data.
    for (const site of sites) await s.sites.remove(site.host, endpoints);
    await s.local.resetAlarms();
    await s.local.clearTabBadges();
    await Promise.all(tabs.map(([tabId]) => s.toolbar.show(tabId, null).catch(() => {})));
    s.catalogs.invalidate(); // the starter catalog only
    s.refreshBadge();
    return { vendors: vendors.length, referrals: counts[0], deals: counts[1], sites: sites.length };
  },
});
