// Referral and deal batches: idempotent for ever by client id, per-item results.
import * as v from 'valibot';
import { uuid } from './common';

export const MAX_BATCH = 100;

// The channel list lives in referral/channels (no valibot there, so light bundles can use it).
export { CHANNELS, type Channel } from '../referral/channels';

// A referral or deal item is the referral module's concept, one schema on both sides of the wire.
export { ReferralSchema as ReferralInputSchema, type Referral as ReferralInput } from '../referral/referral';
export { DealSchema as DealInputSchema, type Deal as DealInput } from '../referral/deal';

const batchOf = (name: string) =>
  v.pipe(
    v.array(v.unknown(), `${name} must be an array`),
    v.minLength(1, `${name} must hold at least one item`),
    v.maxLength(MAX_BATCH, `${name} may hold at most ${MAX_BATCH} items per request`),
  );

/** Top level only: each item is validated on its own so one bad item cannot sink the batch. */
export const ReferralBatchSchema = v.object({ referrals: batchOf('referrals') });
export const DealBatchSchema = v.object({ deals: batchOf('deals') });

/** Item ids are checked at the top level too: without an id there is nothing to answer to. */
export const ItemIdSchema = v.object({ id: uuid });

export const ItemResultSchema = v.object({
  id: v.string(),
  status: v.picklist(['accepted', 'rejected']),
  /**
   * `retryable: true`: rejected for a state that can change (an offer the catalog does not have
   * yet, a deal another practitioner holds, a clock ahead); the answer is not stored, and the
   * same item sent again is judged again. Otherwise the rejection is final and replayed.
   */
  error: v.optional(v.object({ title: v.string(), detail: v.string(), retryable: v.optional(v.boolean()) })),
});
export type ItemResult = v.InferOutput<typeof ItemResultSchema>;

export const BatchResponseSchema = v.object({ results: v.array(ItemResultSchema) });
export type BatchResponse = v.InferOutput<typeof BatchResponseSchema>;
