// Conversions and refunds posted by the vendor's billing system (Standard Webhooks payloads).
import * as v from 'valibot';
import { LIMITS } from '../schema';
import { amount, currency, dateTime, domain, nonEmptyText, slugId, text } from './common';

export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

const orderId = nonEmptyText(LIMITS.orderId, 'orderId');

export const OrderDataSchema = v.object({
  orderId,
  /** The `ref` the checkout received from the redirect; it wins attribution when it verifies. */
  referralCode: v.optional(text(LIMITS.referralCode, 'referralCode')),
  customerDomain: v.optional(domain),
  productId: slugId,
  offerId: v.optional(slugId),
  amount,
  currency,
  occurredAt: dateTime,
});
export type OrderData = v.InferOutput<typeof OrderDataSchema>;

/** A full or partial refund of an order: `amount` is what this refund gives back. */
export const RefundDataSchema = v.object({
  orderId,
  amount,
  currency,
  occurredAt: dateTime,
});
export type RefundData = v.InferOutput<typeof RefundDataSchema>;

export const BillingEventSchema = v.variant('type', [
  v.object({ type: v.literal('order.paid'), data: OrderDataSchema }),
  v.object({ type: v.literal('order.refunded'), data: RefundDataSchema }),
], 'type must be "order.paid" or "order.refunded"');
export type BillingEvent = v.InferOutput<typeof BillingEventSchema>;

export const WebhookAckSchema = v.object({
  received: v.literal(true),
  duplicate: v.boolean(),
  outcome: v.string(),
});
export type WebhookAck = v.InferOutput<typeof WebhookAckSchema>;
