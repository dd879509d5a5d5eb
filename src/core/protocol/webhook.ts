// Conversions posted by the vendor's billing system (Standard Webhooks payloads).
import * as v from 'valibot';
import { amount, currency, dateTime, domain, slugId, text } from './common';

export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export const OrderDataSchema = v.object({
  orderId: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'), v.maxLength(200)),
  referralCode: v.optional(text(64)),
  customerDomain: v.optional(domain),
  productId: slugId,
  offerId: v.optional(slugId),
  amount,
  currency,
  occurredAt: dateTime,
});
export type OrderData = v.InferOutput<typeof OrderDataSchema>;

export const BillingEventSchema = v.object({
  type: v.picklist(['order.paid', 'order.refunded'], 'type must be "order.paid" or "order.refunded"'),
  data: OrderDataSchema,
});
export type BillingEvent = v.InferOutput<typeof BillingEventSchema>;

export const WebhookAckSchema = v.object({
  received: v.literal(true),
  duplicate: v.boolean(),
  outcome: v.string(),
});
export type WebhookAck = v.InferOutput<typeof WebhookAckSchema>;
