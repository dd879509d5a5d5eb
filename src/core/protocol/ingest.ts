// Referral and deal batches: idempotent for ever by client id, per-item results.
import * as v from 'valibot';
import { CHANNELS } from '../referral/channels';
import { LIMITS } from '../schema';
import { dateTime, domain, httpUrl, nonEmptyText, slugId, text, uuid } from './common';

export const MAX_BATCH = 100;

// The channel list lives in referral/channels (no valibot there, so light bundles can use it).
export { CHANNELS, type Channel } from '../referral/channels';

export const ReferralInputSchema = v.object({
  id: uuid,
  code: v.pipe(v.string('must be a string'), v.minLength(1), v.maxLength(LIMITS.referralCode)),
  vendorId: slugId,
  productId: slugId,
  offerId: slugId,
  channel: v.picklist(CHANNELS, `must be one of ${CHANNELS.join(', ')}`),
  campaign: v.optional(text(LIMITS.campaign)),
  pageUrl: v.optional(httpUrl),
  pageHost: v.optional(text(LIMITS.host)),
  createdAt: dateTime,
  giveBack: v.optional(
    v.object({
      url: httpUrl,
      percent: v.pipe(v.number('must be a number'), v.integer('must be an integer'), v.minValue(1), v.maxValue(100)),
    }),
  ),
});
export type ReferralInput = v.InferOutput<typeof ReferralInputSchema>;

export const DealInputSchema = v.object({
  id: uuid,
  vendorId: slugId,
  productId: slugId,
  customerName: nonEmptyText(LIMITS.customerName, 'customerName'),
  customerDomain: domain,
  expectedSeats: v.optional(v.pipe(v.number('must be a number'), v.integer('must be an integer'), v.minValue(1), v.maxValue(10_000_000))),
  note: v.optional(text(LIMITS.note, 'note')),
  createdAt: dateTime,
});
export type DealInput = v.InferOutput<typeof DealInputSchema>;

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
