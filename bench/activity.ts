// Activity and badge cost with 10,000 stored referrals: the popup's `activity.get` (limit 25, as
// the popup asks) and one badge refresh, run by the worker's real code over an IndexedDB holding
// 10,000 referrals (a few pending, parked and held) and the vendor's stats for all of them.
// Compared, in the same run, with reading every referral record once: what each refresh cost
// before it went through the indexes. In Node over fake-indexeddb, which is slower than a
// browser's IndexedDB, so the figures are an upper bound of what the popup sees.
//   npx tsx bench/activity.ts [--quick]
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { createBadgeUpdater } from '../src/background/badge';
import { CatalogIndexCache } from '../src/background/catalog-index';
import activityGet from '../src/background/commands/activity.get';
import { DbHandle, type ReferralRecord } from '../src/background/db';
import { StorageHealth } from '../src/background/health';
import type { Services } from '../src/background/services';
import { initialSyncState } from '../src/core/sync/state';
import { isMain, median, percentile, runStandalone, type Bench, type Figure } from './figure';

const REFERRALS = 10_000;
const ENDPOINT = 'https://advocate.vendor.example';
const START = Date.parse('2026-03-01T10:00:00Z');

function referral(i: number, sync: ReferralRecord['sync']): ReferralRecord {
  const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  const createdAt = new Date(START + i * 1000).toISOString();
  return {
    id,
    vendorId: 'acme',
    sync,
    createdAt,
    origin: ENDPOINT,
    practitioner: 7,
    link: `${ENDPOINT}/r/${'c'.repeat(24)}?o=enterprise`,
    item: { id, code: 'c'.repeat(24), vendorId: 'acme', productId: 'mysql', offerId: 'enterprise', channel: 'forum-answer', pageHost: 'github.com', createdAt },
    ...(sync === 'parked' ? { parkedFor: 'vendor' as const, error: 'Unknown offer' } : {}),
    ...(sync === 'held' ? { error: 'You left Acme' } : {}),
  };
}

async function seeded(): Promise<DbHandle> {
  const db = new DbHandle({ name: `advocate-bench-${Date.now()}` });
  const conn = await db.get();
  await conn.put('vendors', {
    id: 'acme',
    name: 'Acme Data',
    homepage: 'https://acme.example',
    endpoint: ENDPOINT,
    enrolledAt: new Date(START).toISOString(),
    practitioner: { id: 'p1', number: 7, displayName: 'Pat', email: 'pat@example.com' },
    issuer: { id: 'acme', publicKeyJwk: {}, keyId: 'k1' },
    credentials: [],
    credentialStatuses: [],
    sync: initialSyncState(),
  });
  const tx = conn.transaction('referrals', 'readwrite');
  const states = (i: number): ReferralRecord['sync'] => (i % 1000 === 1 ? 'pending' : i % 1000 === 2 ? 'parked' : i % 1000 === 3 ? 'held' : 'synced');
  await Promise.all([...Array.from({ length: REFERRALS }, (_, i) => tx.store.put(referral(i, states(i)))), tx.done]);
  const commission = { pending: 100, approved: 0, paid: 0, reversed: 0 };
  await conn.put('stats', {
    vendorId: 'acme',
    fetchedAt: START,
    stats: {
      practitionerId: 'p1',
      currency: 'USD',
      generatedAt: new Date(START).toISOString(),
      totals: { referrals: REFERRALS, clicks: REFERRALS * 3, conversions: 120, commission },
      referrals: Array.from({ length: REFERRALS }, (_, i) => ({ id: referral(i, 'synced').id, code: 'c'.repeat(24), productId: 'mysql', offerId: 'enterprise', clicks: 3, conversions: i % 100 === 0 ? 1 : 0, commission })),
    },
  });
  return db;
}

async function timed(rounds: number, run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await run(); // warm up
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return times;
}

const ms = (x: number) => Math.round(x * 10) / 10;

export const bench: Bench = {
  title: `Activity and badge with ${REFERRALS.toLocaleString('en')} stored referrals`,
  async run({ quick }) {
    const rounds = quick ? 5 : 30;
    const db = await seeded();
    const health = new StorageHealth(() => START);
    const services = { db, health, catalogs: new CatalogIndexCache(db), refreshBadge: () => {} } as unknown as Services;
    const activity = await timed(rounds, () => activityGet.handle({ limit: 25 }, { sender: 'popup' }, services));
    const badge = createBadgeUpdater(db, health, { setBadgeText: () => {}, setBadgeBackgroundColor: () => {} });
    const badgeTimes = await timed(rounds, () => badge.refresh());
    const fullScan = await timed(rounds, async () => (await db.get()).getAll('referrals'));
    const view = await activityGet.handle({ limit: 25 }, { sender: 'popup' }, services);
    await db.close();
    const scan = { name: 'reading every referral record once (the cost of each refresh before)', value: ms(median(fullScan)), unit: 'ms' };
    const figures: Figure[] = [
      {
        name: 'activity.get (limit 25) median',
        value: ms(median(activity)),
        unit: 'ms',
        budget: 100,
        comparison: scan,
        note: `p95 ${ms(percentile(activity, 95))} ms; shows ${view.referrals.length} referrals, ${view.parked.length} needing attention, ${view.unsynced} unsynced`,
      },
      { name: 'badge refresh median', value: ms(median(badgeTimes)), unit: 'ms', budget: 100, comparison: scan, note: `p95 ${ms(percentile(badgeTimes, 95))} ms; runs after every new referral` },
    ];
    return figures;
  },
};

if (isMain(import.meta)) await runStandalone(bench);
