// What each command does. The router has already checked the sender and validated the payload;
// handlers still check everything that depends on stored state (enrolled vendor, known offer).
import type { Payloads } from '../core/messages/schemas';
import { normaliseDomain } from '../core/schema/domain';
import type { CommandName, Responses } from '../core/messages/commands';
import type { ProductHitView, ShareView } from '../core/messages/views';
import type { CatalogIndexCache } from './catalog-index';
import type { DbHandle, ReferralRecord } from './db';
import { enrol, leave } from './enrol';
import { CommandFailure } from './errors';
import type { StorageHealth } from './health';
import { commitNew, requeue } from './outbox';
import { buildReferralLink, matchPage, newDeal, newReferral, renderShare, type Detection, type PageMatch } from './ports';
import { activity, dealView, listVendors, markConversionsSeen, referralView, vendorProblems, vendorView } from './reports';
import { readSettings, writeSettings } from './settings';
import type { Syncer } from './sync';
import type { TabMemory } from './tabs';
import { exportData, importData } from './transfer';
import type { Fetch } from './vendor-http';

export type SenderKind = 'content' | 'options' | 'page';

export interface CallContext {
  sender: SenderKind;
  /** The tab of a content-script sender. */
  tabId?: number;
  /** The URL of the sending document. */
  senderUrl?: string;
}

export interface Services {
  db: DbHandle;
  fetch: Fetch;
  now: () => number;
  timeoutMs?: number;
  syncer: Syncer;
  health: StorageHealth;
  catalogs: CatalogIndexCache;
  tabs: TabMemory;
  client: { name: string; version: string };
  /** Starts a sync without waiting for it (after a create, a retry, coming online). */
  kick: () => void;
  refreshBadge: () => void;
}

export type Handlers = { [K in CommandName]: (payload: Payloads[K], ctx: CallContext) => Promise<Responses[K]> };

const sameOrigin = (a: string, b: string | undefined) => {
  try {
    return b !== undefined && new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
};

export function createHandlers(s: Services): Handlers {
  const db = () => s.db.get();

  /** A content script only hears about offers of vendors the practitioner is enrolled with. */
  async function forContentScript(match: PageMatch, url: string): Promise<PageMatch> {
    const [settings, enrolled] = await Promise.all([db().then(readSettings), db().then((d) => d.getAllKeys('vendors'))]);
    const host = normaliseDomain(url);
    if (!settings.suggestionsEnabled || (host !== null && settings.mutedHosts.includes(host))) return { ...match, products: [] };
    const allowed = new Set(enrolled);
    const products = match.products
      .map((p) => ({ ...p, offers: p.offers.filter((o) => allowed.has(o.vendorId)) }))
      .filter((p) => p.offers.length > 0);
    return { ...match, products };
  }

  async function enrolledVendor(vendorId: string) {
    const conn = await db();
    const [vendor, secret, catalog] = await Promise.all([conn.get('vendors', vendorId), conn.get('secrets', vendorId), conn.get('catalogs', vendorId)]);
    if (!vendor || !secret) throw new CommandFailure('not-enrolled', `You are not enrolled with vendor "${vendorId}". Enrol in the options page first.`);
    if (vendor.sync.status === 'gone') throw new CommandFailure('vendor-gone', `${vendor.name} has closed your enrolment; no new links can be created for it.`);
    const catalogVendor = catalog?.catalog.vendors.find((v) => v.id === vendorId);
    if (!catalogVendor) throw new CommandFailure('no-catalog', `There is no catalog for ${vendor.name} yet; try again after the next sync.`);
    return { vendor, secret, catalogVendor };
  }

  return {
    async 'page.detected'({ url, detection }, ctx) {
      if (ctx.sender === 'content' && !sameOrigin(url, ctx.senderUrl)) {
        throw new CommandFailure('forbidden', 'A page may only report its own address.');
      }
      const match = matchPage(detection as unknown as Detection, await s.catalogs.get());
      if (ctx.tabId !== undefined) await s.tabs.remember(ctx.tabId, { url, detection: detection as unknown as Detection });
      return ctx.sender === 'content' ? forContentScript(match, url) : match;
    },

    async 'page.forTab'({ tabId }) {
      const page = await s.tabs.recall(tabId);
      if (!page) return null;
      return { url: page.url, match: matchPage(page.detection, await s.catalogs.get()) };
    },

    async 'catalog.search'({ query, limit = 20 }) {
      const [index, enrolled] = await Promise.all([s.catalogs.get(), db().then((d) => d.getAllKeys('vendors'))]);
      const q = query.toLowerCase();
      const hits: (ProductHitView & { score: number })[] = [];
      for (const vendor of index.vendors) {
        for (const product of vendor.products) {
          const name = product.name.toLowerCase();
          const score = name.startsWith(q) ? 0 : name.includes(q) ? 1 : product.id.includes(q) ? 2 : product.description.toLowerCase().includes(q) ? 3 : -1;
          if (score < 0) continue;
          hits.push({
            score,
            vendorId: vendor.id,
            vendorName: vendor.name,
            productId: product.id,
            productName: product.name,
            description: product.description,
            enrolled: enrolled.includes(vendor.id),
            offers: product.offers.map((o) => ({ id: o.id, name: o.name, url: o.url, adds: o.adds })),
          });
        }
      }
      hits.sort((a, b) => a.score - b.score || Number(b.enrolled) - Number(a.enrolled) || a.productName.localeCompare(b.productName));
      return hits.slice(0, limit).map(({ score: _score, ...hit }) => hit);
    },

    async 'vendors.list'() {
      const vendors = await listVendors(await db(), s.now());
      return { vendors, problems: [...s.health.list(), ...vendorProblems(vendors)] };
    },

    async 'vendors.enrol'({ endpoint, code }) {
      const record = await enrol({ db: s.db, fetch: s.fetch, now: s.now, timeoutMs: s.timeoutMs, client: s.client }, endpoint, code);
      s.catalogs.invalidate();
      s.kick();
      s.refreshBadge();
      return vendorView(await db(), record);
    },

    async 'vendors.leave'({ vendorId }) {
      const result = await leave({ db: s.db, fetch: s.fetch, now: s.now, timeoutMs: s.timeoutMs }, vendorId);
      s.catalogs.invalidate();
      s.refreshBadge();
      return result;
    },

    async 'referrals.create'(payload, ctx) {
      if (ctx.sender === 'content' && payload.pageUrl !== undefined && !sameOrigin(payload.pageUrl, ctx.senderUrl)) {
        throw new CommandFailure('forbidden', 'A page may only create a referral for its own address.');
      }
      const { vendor, secret, catalogVendor } = await enrolledVendor(payload.vendorId);
      const product = catalogVendor.products.find((p) => p.id === payload.productId);
      const offer = product?.offers.find((o) => o.id === payload.offerId);
      if (!product || !offer) throw new CommandFailure('unknown-offer', `${vendor.name} has no offer "${payload.offerId}" for product "${payload.productId}".`);
      const settings = await readSettings(await db());
      const referral = await newReferral(
        { ...payload, sharePageUrl: payload.sharePageUrl ?? settings.sharePageUrl },
        { practitionerNumber: vendor.practitioner.number, secret: secret.referralSecret, now: new Date(s.now()) },
      );
      const link = buildReferralLink(referral, offer, catalogVendor);
      const shareOf = (format: keyof ShareView) =>
        renderShare({
          link,
          format,
          vendorName: catalogVendor.name,
          productName: product.name,
          offerName: offer.name,
          offerAdds: offer.adds,
          disclosure: settings.disclosure,
          ...(referral.giveBack ? { giveBack: referral.giveBack } : {}),
        });
      // Rendered before storing: a wording problem must not leave a referral nobody saw.
      const share: ShareView = { markdown: shareOf('markdown'), text: shareOf('text'), html: shareOf('html') };
      const record: ReferralRecord = { id: referral.id, vendorId: referral.vendorId, sync: 'pending', createdAt: referral.createdAt, link, item: referral };
      await commitNew(await db(), 'referrals', record); // durable before we answer
      s.health.writeSucceeded();
      s.kick();
      s.refreshBadge();
      return { referral: referralView(record), link, share };
    },

    async 'deals.register'(payload) {
      await enrolledVendor(payload.vendorId);
      const deal = newDeal(payload, { now: new Date(s.now()) });
      const record = { id: deal.id, vendorId: deal.vendorId, sync: 'pending' as const, createdAt: deal.createdAt, item: deal };
      await commitNew(await db(), 'deals', record);
      s.health.writeSucceeded();
      s.kick();
      s.refreshBadge();
      return dealView(record);
    },

    async 'activity.get'({ markSeen, limit }) {
      const conn = await db();
      if (markSeen) await markConversionsSeen(conn);
      const index = await s.catalogs.get();
      const names = (vendorId: string, productId: string, offerId: string) => {
        const product = index.product(vendorId, productId);
        return { productName: product?.name, offerName: product?.offers.find((o) => o.id === offerId)?.name };
      };
      const view = await activity(conn, limit ?? 50, s.health.list(), names);
      if (markSeen) s.refreshBadge();
      return view;
    },

    async 'sync.now'() {
      const report = await s.syncer.syncAll({ force: true });
      s.refreshBadge();
      return report;
    },

    async 'outbox.retry'({ id }) {
      const requeued = await requeue(await db(), id);
      if (requeued) {
        s.kick();
        s.refreshBadge();
      }
      return { requeued };
    },

    async 'settings.get'() {
      return readSettings(await db());
    },

    async 'settings.set'(patch) {
      return writeSettings(await db(), patch);
    },

    async 'data.export'() {
      return exportData(await db(), s.now());
    },

    async 'data.import'({ json }) {
      const report = await importData(await db(), json);
      s.kick();
      s.refreshBadge();
      return report;
    },
  };
}
