// Applies a billing event: records the conversion, attributes it and books the commission;
// a refund reverses it. Runs inside the caller's transaction.
import type { Transaction } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { AchievementLevel } from '../../core/credential/schema';
import type { BillingEvent } from '../../core/protocol/webhook';
import type { App } from '../app';
import type { Database } from '../db/schema';
import { attribute } from './attribution';
import { bestLevel, computeCommission, isSelfReferral } from './commission';

export async function applyBillingEvent(trx: Transaction<Database>, app: App, event: BillingEvent): Promise<string> {
  const order = event.data;
  const nowIso = app.now().toISOString();
  const existing = await trx.selectFrom('conversions').select(['id', 'refunded_at']).where('order_id', '=', order.orderId).executeTakeFirst();

  if (event.type === 'order.refunded') {
    if (!existing) return 'unknown-order';
    if (existing.refunded_at) return 'already-refunded';
    await trx.updateTable('conversions').set({ refunded_at: order.occurredAt }).where('id', '=', existing.id).execute();
    await trx.updateTable('commissions').set({ state: 'reversed', note: 'order refunded', updated_at: nowIso }).where('conversion_id', '=', existing.id).where('state', '<>', 'reversed').execute();
    return 'commission-reversed';
  }

  if (existing) return 'duplicate-order';
  const product = app.products.get(order.productId);
  if (!product) return 'unknown-product';
  const who = await attribute(trx, app, order);
  const customerKey = order.customerDomain ?? `order:${order.orderId}`;
  const conversionId = randomUUID();
  const referral = who.code ? await trx.selectFrom('referrals').select('offer_id').where('code', '=', who.code).executeTakeFirst() : undefined;
  // The order's own offer, else the referral's, as long as it belongs to the ordered product.
  const offerId = [order.offerId, referral?.offer_id].find((id): id is string => id !== undefined && product.offers.has(id)) ?? null;

  // Periods count from this customer's first attributed order for the product.
  const first = await trx
    .selectFrom('conversions')
    .select('occurred_at')
    .where('customer_key', '=', customerKey)
    .where('product_id', '=', order.productId)
    .where('attribution', '<>', 'none')
    .orderBy('occurred_at')
    .executeTakeFirst();

  await trx
    .insertInto('conversions')
    .values({
      id: conversionId,
      order_id: order.orderId,
      product_id: order.productId,
      offer_id: offerId,
      customer_key: customerKey,
      customer_domain: order.customerDomain ?? null,
      amount: order.amount,
      currency: order.currency,
      occurred_at: order.occurredAt,
      attribution: who.kind,
      practitioner_id: who.kind === 'none' ? null : who.practitionerId,
      code: who.code,
      deal_id: who.kind === 'deal' ? who.dealId : null,
      refunded_at: null,
    })
    .execute();
  if (who.kind === 'none') return `unattributed: ${who.reason}`;

  const practitioner = await trx.selectFrom('practitioners').select(['email']).where('id', '=', who.practitionerId).executeTakeFirstOrThrow();
  const certs = await trx
    .selectFrom('certifications')
    .select('level')
    .where('practitioner_id', '=', who.practitionerId)
    .where('product_id', '=', order.productId)
    .where('revoked_at', 'is', null)
    .where('valid_from', '<=', order.occurredAt)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', order.occurredAt)]))
    .execute();
  const level = bestLevel(certs.map((c) => c.level as AchievementLevel));
  const terms = (offerId ? product.offers.get(offerId) : product.product.offers[0])!.commission;
  const result = computeCommission(terms, { amount: order.amount, currency: order.currency, occurredAt: order.occurredAt, firstOrderAt: first?.occurred_at ?? order.occurredAt, isFirstOrder: !first }, level);
  if ('ineligible' in result) return `no commission: ${result.note}`;
  const selfReferral = isSelfReferral(practitioner.email, order.customerDomain ?? null);
  await trx
    .insertInto('commissions')
    .values({
      id: randomUUID(),
      conversion_id: conversionId,
      practitioner_id: who.practitionerId,
      amount: result.amount,
      currency: result.currency,
      state: selfReferral ? 'reversed' : 'pending',
      self_referral: selfReferral ? 1 : 0,
      note: selfReferral ? `self-referral: the customer's domain is the practitioner's own; not paid (${result.note})` : `${who.kind}: ${result.note}`,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .execute();
  return selfReferral ? 'self-referral-flagged' : `commission-pending via ${who.kind}`;
}
