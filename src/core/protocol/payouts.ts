// Payout statements: what a closed period pays a practitioner. A statement's document never
// changes once issued; only `paidAt` is set, once, when the vendor has paid it.
import * as v from 'valibot';
import { count, currency, dateTime, signedAmount } from './common';

export const StatementLineSchema = v.object({
  commissionId: v.string(),
  kind: v.picklist(['order', 'clawback']),
  orderId: v.string(),
  productId: v.string(),
  attribution: v.picklist(['code', 'deal']),
  /** The referral the line pays for (code attribution), or the deal. */
  referralId: v.optional(v.string()),
  code: v.optional(v.string()),
  dealId: v.optional(v.string()),
  amount: signedAmount,
  reason: v.string(),
});
export type StatementLine = v.InferOutput<typeof StatementLineSchema>;

export const StatementDocumentSchema = v.object({
  id: v.string(),
  vendorId: v.string(),
  practitionerId: v.string(),
  practitionerName: v.string(),
  periodStart: v.nullable(dateTime),
  periodEnd: dateTime,
  issuedAt: dateTime,
  currency,
  total: count,
  /** The referrals (by id) whose commissions this statement pays. */
  referrals: v.array(v.string()),
  lines: v.array(StatementLineSchema),
});
export type StatementDocument = v.InferOutput<typeof StatementDocumentSchema>;

export const StatementEntrySchema = v.object({ statement: StatementDocumentSchema, paidAt: v.nullable(dateTime) });
export type StatementEntry = v.InferOutput<typeof StatementEntrySchema>;

/** `GET /v1/statements` (the practitioner's own) and `GET /v1/admin/statements`. */
export const StatementsResponseSchema = v.object({ statements: v.array(StatementEntrySchema) });
export type StatementsResponse = v.InferOutput<typeof StatementsResponseSchema>;
