// Creating referrals and registering deals: offline, durable in the outbox before anyone is
// answered, for enrolled vendors and offers their catalog names. The referrals.create and
// deals.register commands and the context menu all come here.
import type { ShareView } from '../core/messages/views';
import { newDeal, type DealRequest } from '../core/referral/deal';
import { renderShares } from '../core/referral/disclosure';
import { buildReferralLink } from '../core/referral/link';
import { newReferral, type ReferralRequest } from '../core/referral/referral';
import type { DealRecord, ReferralRecord, VendorRecord } from './db';
import { t } from '../ui/i18n';
import { CommandFailure } from './errors';
import { originOf, secretTag } from './identity';
import { commitNew } from './outbox';
import { readSettings } from './settings';
import type { Services } from './services';

async function enrolledVendor(s: Services, vendorId: string) {
  const conn = await s.db.get();
  const [vendor, secret, catalog] = await Promise.all([conn.get('vendors', vendorId), conn.get('secrets', vendorId), conn.get('catalogs', vendorId)]);
  if (!vendor || !secret) throw new CommandFailure('not-enrolled', t('notEnrolled', vendorId));
  if (vendor.sync.status === 'gone') throw new CommandFailure('vendor-gone', t('referralVendorGone', vendor.name));
  const catalogVendor = catalog?.catalog.vendors.find((v) => v.id === vendorId);
  if (!catalogVendor) throw new CommandFailure('no-catalog', t('referralNoCatalog', vendor.name));
  return { vendor, secret, catalogVendor };
}

/** Where an item goes: this enrolment's origin and practitioner, and nowhere else. */
const routeOf = (vendor: VendorRecord) => ({ origin: originOf(vendor.endpoint), practitioner: vendor.practitioner.number });

/** Stored, then the sync is started and the badge follows. */
async function committed<T>(s: Services, write: () => Promise<T>): Promise<T> {
  const result = await write(); // durable before we answer
  s.health.writeSucceeded();
  s.kick();
  s.refreshBadge();
  return result;
}

export interface ReferralDraft {
  record: ReferralRecord;
  link: string;
  share: ShareView;
}

/** A referral made and rendered, not yet stored: what a reply preview shows before the practitioner inserts it. */
export async function draftReferral(s: Services, request: ReferralRequest): Promise<ReferralDraft> {
  const { vendor, secret, catalogVendor } = await enrolledVendor(s, request.vendorId);
  const product = catalogVendor.products.find((p) => p.id === request.productId);
  const offer = product?.offers.find((o) => o.id === request.offerId);
  if (!product || !offer) throw new CommandFailure('unknown-offer', t('referralUnknownOffer', vendor.name, request.offerId, request.productId));
  const settings = await readSettings(await s.db.get());
  const referral = await newReferral(
    { ...request, sharePageUrl: request.sharePageUrl ?? settings.sharePageUrl },
    { practitionerNumber: vendor.practitioner.number, secret: secret.referralSecret, now: new Date(s.now()) },
  );
  const link = buildReferralLink(referral, offer, catalogVendor);
  // Rendered before storing: a wording problem must not leave a referral nobody saw.
  const share = renderShares({
    link,
    vendorName: catalogVendor.name,
    productName: product.name,
    offerName: offer.name,
    offerAdds: offer.adds,
    disclosure: settings.disclosure,
    ...(referral.giveBack ? { giveBack: referral.giveBack } : {}),
  });
  const record: ReferralRecord = {
    id: referral.id,
    vendorId: referral.vendorId,
    sync: 'pending',
    createdAt: referral.createdAt,
    ...routeOf(vendor),
    secretTag: await secretTag(secret.referralSecret),
    link,
    item: referral,
  };
  return { record, link, share };
}

/** Stores a drafted referral durably (then it syncs); the enrolment must still be the one it was made for. */
export async function commitReferral(s: Services, draft: ReferralDraft): Promise<ReferralDraft> {
  const { vendor } = await enrolledVendor(s, draft.record.vendorId);
  const route = routeOf(vendor);
  if (route.origin !== draft.record.origin || route.practitioner !== draft.record.practitioner) {
    throw new CommandFailure('enrolment-changed', t('referralEnrolmentChanged', vendor.name));
  }
  await committed(s, async () => commitNew(await s.db.get(), 'referrals', draft.record));
  return draft;
}

export async function createReferral(s: Services, request: ReferralRequest): Promise<ReferralDraft> {
  return commitReferral(s, await draftReferral(s, request));
}

export async function registerDeal(s: Services, request: DealRequest): Promise<DealRecord> {
  const { vendor } = await enrolledVendor(s, request.vendorId);
  const deal = newDeal(request, { now: new Date(s.now()) });
  const record: DealRecord = { id: deal.id, vendorId: deal.vendorId, sync: 'pending', createdAt: deal.createdAt, ...routeOf(vendor), item: deal };
  await committed(s, async () => commitNew(await s.db.get(), 'deals', record));
  return record;
}
