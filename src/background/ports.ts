// The one place the worker reaches into other modules' APIs (protocol schemas, catalog,
// matching, referral links, credentials). When their index.ts files change, fix it here.
import { CatalogError, parseCatalog, type Catalog } from '../core/catalog';

export type { Catalog };
export {
  BatchResponseSchema,
  StatsResponseSchema,
  EnrolResponseSchema,
  VendorInfoSchema,
  type StatsResponse,
  type EnrolResponse,
  type ReferralInput as ReferralItem,
  type DealInput as DealItem,
} from '../core/protocol';

/** Validates a vendor's catalog; an error message names what is wrong. */
export function parseVendorCatalog(input: unknown): { ok: true; catalog: Catalog } | { ok: false; error: string } {
  try {
    return { ok: true, catalog: parseCatalog(input) };
  } catch (error) {
    if (error instanceof CatalogError) return { ok: false, error: error.message };
    throw error;
  }
}

export { compileCatalog, starterCatalog, type CatalogIndex } from '../core/catalog';
export { matchPage, type PageMatch } from '../core/match';
export type { Detection } from '../core/detect';
export { newReferral, newDeal, buildReferralLink, renderShare, validateDisclosure, DEFAULT_DISCLOSURE, ReferralInputError } from '../core/referral';
export { verifyCredential, isCertified, decodeBase64Url, type CredentialStatus } from '../core/credential';
