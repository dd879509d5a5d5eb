// Deal registration: the practitioner names a customer they are working with, so a long B2B
// sale is attributed by the customer's domain instead of a cookie.
import * as v from 'valibot';
import { normaliseDomain } from '../schema';
import { assertValidDate, isoTime, newId, optionalText, parseOrThrow, slug, uuid } from './input';

export { normaliseDomain };

const domain = v.pipe(
  v.string('customer domain must be text'),
  v.transform((s) => normaliseDomain(s)),
  v.string('customer domain must be a domain name such as acme.example (no https:// or path needed)'),
);

export const DealInputSchema = v.strictObject({
  vendorId: slug('vendorId'),
  productId: slug('productId'),
  customerName: v.pipe(
    v.string('customer name must be text'),
    v.trim(),
    v.nonEmpty('customer name must not be empty'),
    v.maxLength(200, 'customer name is longer than 200 characters'),
  ),
  customerDomain: domain,
  expectedSeats: v.optional(
    v.pipe(
      v.number('expected seats must be a number'),
      v.integer('expected seats must be a whole number'),
      v.minValue(1, 'expected seats must be at least 1'),
      v.maxValue(10_000_000, 'expected seats must be at most 10,000,000'),
    ),
  ),
  note: optionalText('note', 1000),
});
export type DealInput = v.InferInput<typeof DealInputSchema>;

/** The stored and synced record (the `POST /v1/deals` item). */
export const DealSchema = v.strictObject({
  id: uuid,
  vendorId: slug('vendorId'),
  productId: slug('productId'),
  customerName: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  customerDomain: v.pipe(v.string(), v.check((s) => normaliseDomain(s) === s, 'customerDomain must be a normalised domain name')),
  expectedSeats: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000_000))),
  note: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(1000))),
  createdAt: isoTime,
});
export type Deal = v.InferOutput<typeof DealSchema>;

/** Validates and normalises a deal. Throws ReferralInputError naming every bad field. */
export function newDeal(input: DealInput, context: { now: Date; randomId?: () => string }): Deal {
  const ok = parseOrThrow(DealInputSchema, input, 'deal');
  const createdAt = assertValidDate(context.now);
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

