// Deal registration: the practitioner names a customer they are working with, so a long B2B
// sale is attributed by the customer's domain instead of a cookie.
//
// One schema for the concept (`DealSchema`: the outbox record's item and the `POST /v1/deals`
// item alike); the practitioner's request is derived from it.
import * as v from 'valibot';
import { domainName, instant, instantOf, LIMITS, newId, optionalText, requiredText, slug, uuid } from '../schema';
import { parseOrThrow } from './errors';

export const MAX_SEATS = 10_000_000;
const SEATS = `expected seats must be a whole number from 1 to ${MAX_SEATS.toLocaleString('en')}`;

export const DealSchema = v.object({
  id: uuid('id'),
  vendorId: slug('vendorId'),
  productId: slug('productId'),
  customerName: requiredText('customer name', LIMITS.customerName),
  /** What a person pastes (a URL, an e-mail address) becomes the bare domain. */
  customerDomain: domainName('customer domain'),
  expectedSeats: v.optional(v.pipe(v.number(SEATS), v.integer(SEATS), v.minValue(1, SEATS), v.maxValue(MAX_SEATS, SEATS))),
  note: optionalText('note', LIMITS.note),
  createdAt: instant('createdAt'),
});
export type Deal = v.InferOutput<typeof DealSchema>;

/** What the practitioner registers; id and time are made here. */
export const DealRequestSchema = v.strictObject(v.omit(DealSchema, ['id', 'createdAt']).entries);
export type DealRequest = v.InferInput<typeof DealRequestSchema>;

/** Validates and normalises a deal. Throws ReferralInputError naming every bad field. */
export function newDeal(request: DealRequest, context: { now: Date; randomId?: () => string }): Deal {
  const ok = parseOrThrow(DealRequestSchema, request, 'deal');
  const createdAt = instantOf(context.now);
  return {
    id: newId(context.randomId),
    vendorId: ok.vendorId,
    productId: ok.productId,
    customerName: ok.customerName,
    customerDomain: ok.customerDomain,
    ...(ok.expectedSeats === undefined ? {} : { expectedSeats: ok.expectedSeats }),
    ...(ok.note === undefined ? {} : { note: ok.note }),
    createdAt,
  };
}
