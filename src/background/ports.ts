// The one place the worker reaches into other modules' APIs (protocol schemas, catalog,
// matching, referral links, credentials). When their index.ts files change, fix it here.
import * as v from 'valibot';
import { CatalogSchema, type Catalog } from '../core/catalog/schema';

export type { Catalog };
export {
  BatchResponseSchema,
  StatsResponseSchema,
  EnrolResponseSchema,
  VendorInfoSchema,
  problemSlug,
  ProblemSchema,
  type StatsResponse,
  type EnrolResponse,
  type ReferralInput as ReferralItem,
  type DealInput as DealItem,
} from '../core/protocol';

/** Validates a vendor's catalog; an error message names what is wrong. */
export function parseVendorCatalog(input: unknown): { ok: true; catalog: Catalog } | { ok: false; error: string } {
  const parsed = v.safeParse(CatalogSchema, input);
  if (parsed.success) return { ok: true, catalog: parsed.output };
  const first = parsed.issues[0];
  const path = first?.path?.map((p) => String(p.key)).join('.');
  return { ok: false, error: `${path ? `${path}: ` : ''}${first?.message ?? 'invalid'}` };
}
