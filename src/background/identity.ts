// Who a vendor is, and where its items go. A vendor is its id *at one endpoint origin*: an
// endpoint cannot take over a vendor enrolled elsewhere, a starter-catalog vendor's entry is
// replaced only by an endpoint the starter catalog binds it to, and an outbox item goes only to
// the origin (and practitioner, and referral secret) it was made for.
import { starterCatalog, type Catalog } from '../core/catalog';
import { decodeBase64Url, encodeBase64Url } from '../core/credential/base64url';
import { t } from '../ui/i18n';
import type { VendorRecord } from './db';

export const originOf = (endpoint: string): string => new URL(endpoint).origin;

/** The origin the starter catalog binds a vendor id to; null when it names the id without an endpoint; undefined when it does not name it. */
export function starterBinding(vendorId: string, starter: Catalog = starterCatalog): string | null | undefined {
  const vendor = starter.vendors.find((v) => v.id === vendorId);
  if (!vendor) return undefined;
  return vendor.referral.endpoint ? originOf(vendor.referral.endpoint) : null;
}

/** Whether an enrolled catalog from `endpoint` may stand for `vendorId` (and replace its starter entry). */
export function mayStandFor(vendorId: string, endpoint: string, starter: Catalog = starterCatalog): boolean {
  const bound = starterBinding(vendorId, starter);
  return bound === undefined || bound === originOf(endpoint);
}

/** Why `endpoint` may not enrol as `vendorId`, in words, or null when it may. */
export function identityConflict(vendorId: string, endpoint: string, enrolled: VendorRecord | undefined, starter: Catalog = starterCatalog): string | null {
  const origin = originOf(endpoint);
  if (enrolled && originOf(enrolled.endpoint) !== origin) {
    return t('enrolAlreadyElsewhere', enrolled.name, vendorId, originOf(enrolled.endpoint), origin);
  }
  if (!mayStandFor(vendorId, endpoint, starter)) {
    const known = starter.vendors.find((v) => v.id === vendorId)!;
    return t('enrolNotBundledVendor', origin, vendorId, known.name);
  }
  return null;
}

/** A short fingerprint of a referral secret (SHA-256, 64 bits): tells whether codes were made under it, and reveals nothing of it. */
export async function secretTag(referralSecret: string): Promise<string> {
  const bytes = decodeBase64Url(referralSecret) ?? new TextEncoder().encode(referralSecret);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return encodeBase64Url(digest.slice(0, 8));
}
