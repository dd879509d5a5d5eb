// Read models for the popup and the options page: vendors, activity, problems, badge inputs.
// Built from IndexedDB on demand through its indexes (never a scan of every item); never includes a secret.
import type { ActivityView, DealView, ProblemView, ReferralView, VendorTotalsView, VendorView } from '../core/messages/views';
import type { BadgeInput } from '../core/sync/badge';
import type { ReferralStats } from '../core/protocol/stats';
import type { Db, DealRecord, ReferralRecord, StatsRecord, VendorRecord } from './db';
import { certified, verifyCredentials } from './credentials';
import { t, tn } from '../ui/i18n';
import { canRetry, countFor, countInState, inState, recent } from './outbox';

const isoOf = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) || ms >= Number.MAX_SAFE_INTEGER ? undefined : new Date(ms).toISOString());

/** With `nowMs`, credentials are verified again at that time (they may have expired since). */
export async function vendorView(db: Db, vendor: VendorRecord, nowMs?: number): Promise<VendorView> {
  const credentials = nowMs === undefined ? vendor.credentialStatuses : await verifyCredentials(vendor.issuer, vendor.credentials, nowMs, vendor);
  const [pendingR, pendingD, parkedR, parkedD, catalog] = await Promise.all([
    countFor(db, 'referrals', vendor.id, 'pending'),
    countFor(db, 'deals', vendor.id, 'pending'),
    countFor(db, 'referrals', vendor.id, 'parked'),
    countFor(db, 'deals', vendor.id, 'parked'),
    db.get('catalogs', vendor.id),
  ]);
  const s = vendor.sync;
  const sync: VendorView['sync'] = { status: s.status, pending: pendingR + pendingD, parked: parkedR + parkedD };
  if (s.lastError && s.status !== 'ok') sync.lastError = s.lastError;
  const times = { lastErrorAt: isoOf(s.lastErrorAt), lastSuccessAt: isoOf(s.lastSuccessAt), nextAttemptAt: s.status === 'backoff' ? isoOf(s.nextAttemptAt) : undefined };
  for (const [key, value] of Object.entries(times)) if (value) sync[key as keyof typeof times] = value;
  const own = catalog?.catalog.vendors.find((v) => v.id === vendor.id);
  return {
    id: vendor.id,
    name: vendor.name,
    homepage: vendor.homepage,
    endpoint: vendor.endpoint,
    enrolledAt: vendor.enrolledAt,
    practitioner: vendor.practitioner,
    credentials,
    certified: certified(credentials),
    sync,
    catalog: {
      products: own?.products.length ?? 0,
      ...(catalog ? { fetchedAt: new Date(catalog.fetchedAt).toISOString() } : {}),
      ...(catalog?.error ? { error: catalog.error } : {}),
    },
  };
}

/** Vendor-level problems: re-enrol, gone, failing sync, invalid catalog. */
export function vendorProblems(vendors: readonly VendorView[]): ProblemView[] {
  const out: ProblemView[] = [];
  for (const v of vendors) {
    const at = v.sync.lastErrorAt ?? v.enrolledAt;
    if (v.sync.status === 'reenrol') out.push({ code: 'vendor-reenrol', vendorId: v.id, at, message: `${v.name}: ${v.sync.lastError ?? t('problemReenrol')}` });
    else if (v.sync.status === 'gone') out.push({ code: 'vendor-gone', vendorId: v.id, at, message: `${v.name}: ${v.sync.lastError ?? t('problemGone')}` });
    else if (v.sync.status === 'backoff') out.push({ code: 'vendor-sync', vendorId: v.id, at, message: `${v.name}: ${v.sync.lastError ?? t('problemFailing')}` });
    if (v.catalog.error) out.push({ code: 'catalog-invalid', vendorId: v.id, at: v.catalog.fetchedAt ?? at, message: `${v.name}: ${v.catalog.error}` });
    if (v.sync.parked > 0) out.push({ code: 'parked-items', vendorId: v.id, at, message: `${v.name}: ${tn('problemParked', v.sync.parked)}` });
  }
  return out;
}

export async function listVendors(db: Db, nowMs?: number): Promise<VendorView[]> {
  const vendors = await db.getAll('vendors');
  return Promise.all(vendors.map((v) => vendorView(db, v, nowMs)));
}

/** Product and offer names for display, from the compiled catalog (ids when the catalog has none). */
export type NameLookup = (vendorId: string, productId: string, offerId: string) => { productName?: string; offerName?: string };

type StatsById = ReadonlyMap<string, ReferralStats>;

/** One map over every vendor's per-referral stats: each referral's stats is one lookup, not a scan. */
const statsById = (stats: readonly StatsRecord[]): StatsById => new Map(stats.flatMap((s) => s.stats.referrals.map((r) => [r.id, r] as const)));

export function referralView(record: ReferralRecord, stats?: StatsById, names?: NameLookup, vendor?: VendorRecord): ReferralView {
  const view: ReferralView = { ...record.item, link: record.link, sync: record.sync };
  const named = names?.(record.item.vendorId, record.item.productId, record.item.offerId);
  if (named?.productName) view.productName = named.productName;
  if (named?.offerName) view.offerName = named.offerName;
  if (record.error) view.error = record.error;
  if (record.syncedAt) view.syncedAt = record.syncedAt;
  if (canRetry(record, vendor)) view.canRetry = true;
  const s = stats?.get(record.id);
  if (s) view.stats = { clicks: s.clicks, conversions: s.conversions, commission: s.commission };
  return view;
}

export function dealView(record: DealRecord, vendor?: VendorRecord): DealView {
  const view: DealView = { ...record.item, sync: record.sync };
  if (record.error) view.error = record.error;
  if (record.syncedAt) view.syncedAt = record.syncedAt;
  if (canRetry(record, vendor)) view.canRetry = true;
  return view;
}

export const totalConversions = (stats: readonly StatsRecord[]) => stats.reduce((sum, s) => sum + s.stats.totals.conversions, 0);

const newConversions = (stats: readonly StatsRecord[], seen: unknown) => Math.max(0, totalConversions(stats) - ((seen as number | undefined) ?? 0));

/** Reads only what it shows: the newest `limit` items, the few parked and held ones, and counts from the indexes. */
export async function activity(db: Db, limit: number, storageProblems: ProblemView[], names?: NameLookup): Promise<ActivityView> {
  const [referrals, deals, stats, vendorRecords, parkedReferrals, parkedDeals, heldReferrals, heldDeals, pendingReferrals, pendingDeals, seen] = await Promise.all([
    recent(db, 'referrals', limit),
    recent(db, 'deals', limit),
    db.getAll('stats'),
    db.getAll('vendors'),
    inState(db, 'referrals', 'parked'),
    inState(db, 'deals', 'parked'),
    inState(db, 'referrals', 'held'),
    inState(db, 'deals', 'held'),
    countInState(db, 'referrals', 'pending'),
    countInState(db, 'deals', 'pending'),
    db.get('meta', 'conversionsSeen'),
  ]);
  const vendors = await Promise.all(vendorRecords.map((v) => vendorView(db, v)));
  const vendorById = new Map(vendorRecords.map((v) => [v.id, v]));
  const statsOf = new Map(stats.map((s) => [s.vendorId, s]));
  const byId = statsById(stats);
  const totals: VendorTotalsView[] = vendors.map((v) => {
    const s = statsOf.get(v.id);
    return {
      vendorId: v.id,
      vendorName: v.name,
      referrals: s?.stats.totals.referrals ?? 0,
      clicks: s?.stats.totals.clicks ?? 0,
      conversions: s?.stats.totals.conversions ?? 0,
      commission: s?.stats.totals.commission ?? { pending: 0, approved: 0, paid: 0, reversed: 0 },
      ...(s ? { currency: s.stats.currency, fetchedAt: new Date(s.fetchedAt).toISOString() } : {}),
    };
  });
  const referralOf = (r: ReferralRecord) => referralView(r, byId, names, vendorById.get(r.vendorId));
  const dealOf = (d: DealRecord) => dealView(d, vendorById.get(d.vendorId));
  return {
    referrals: referrals.map(referralOf),
    deals: deals.map(dealOf),
    totals,
    parked: [...parkedReferrals.map(referralOf), ...parkedDeals.map(dealOf), ...heldReferrals.map(referralOf), ...heldDeals.map(dealOf)],
    unsynced: pendingReferrals + pendingDeals,
    newConversions: newConversions(stats, seen),
    problems: [...storageProblems, ...vendorProblems(vendors)],
  };
}

/** What the toolbar badge shows, from counts and the vendor records: no outbox item is read. */
export async function badgeInput(db: Db, storageProblems: ProblemView[]): Promise<BadgeInput> {
  const [vendorRecords, stats, pendingReferrals, pendingDeals, seen] = await Promise.all([
    db.getAll('vendors'),
    db.getAll('stats'),
    countInState(db, 'referrals', 'pending'),
    countInState(db, 'deals', 'pending'),
    db.get('meta', 'conversionsSeen'),
  ]);
  const vendors = await Promise.all(vendorRecords.map((v) => vendorView(db, v)));
  const problems = [...storageProblems, ...vendorProblems(vendors)];
  return { hasError: problems.some((p) => p.code !== 'vendor-sync'), newConversions: newConversions(stats, seen), unsynced: pendingReferrals + pendingDeals };
}

/** The popup was opened: conversions so far are no longer new. */
export async function markConversionsSeen(db: Db): Promise<void> {
  const stats = await db.getAll('stats');
  await db.put('meta', totalConversions(stats), 'conversionsSeen');
}
