// Applies billing events inside the webhook's transaction: an order is recorded, attributed and
// earns a commission row that says why; a refund reduces it proportionally, is kept until its
// order arrives when it comes first, and becomes a clawback row when the commission was already
// on an issued statement.
import type { Transaction } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { AchievementLevel } from '../../core/credential/schema';
import type { CommissionReason } from '../../core/protocol/admin';
import type { OrderData, RefundData } from '../../core/protocol/webhook';
import type { Deps } from '../context';
import type { CommissionTable, Database } from '../db/schema';
import { HttpError } from '../http/problem';
import { attribute } from './attribution';
import { afterRefunds, bestLevel, computeCommission, convert, formatMoney, isSelfReferral } from './commission';
import { dealDomain } from './deals';

/** How far ahead of the endpoint's clock a billing system's time may be. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export async function applyOrder(trx: Transaction<Database>, deps: Deps, order: OrderData): Promise<string> {
  const received = deps.now();
  const receivedIso = received.toISOString();
  const existing = await trx.selectFrom('conversions').select('id').where('order_id', '=', order.orderId).executeTakeFirst();
  if (existing) return 'duplicate-order';
  const product = deps.products.get(order.productId);
  if (!product) throw new HttpError(422, 'unknown-product', `The catalog has no product "${order.productId}"; nothing was recorded. Send the order again once the catalog has it.`);
  const occurred = Date.parse(order.occurredAt);
  if (occurred > received.getTime() + FUTURE_TOLERANCE_MS) {
    throw new HttpError(422, 'time-in-future', `occurredAt ${order.occurredAt} is more than 5 minutes ahead of the endpoint's clock (${receivedIso}); nothing was recorded.`);
  }
  const converted = convert(order.amount, order.currency, deps.currency, deps.settings.exchangeRates);
  if (!converted) {
    throw new HttpError(422, 'currency-not-accepted', `This vendor's offers are priced in ${deps.currency}; an order in ${order.currency} is refused (configure an exchange rate for ${order.currency} to accept it). Nothing was recorded.`);
  }
  // The order's time as an instant, never later than when it arrived.
  const at = Math.min(occurred, received.getTime());
  const atIso = new Date(at).toISOString();
  const customer = order.customerDomain ? dealDomain(order.customerDomain) : null;
  const who = await attribute(trx, deps, { referralCode: order.referralCode, dealDomain: customer?.ok ? customer.domain : null, productId: order.productId, at });

  const pendingRefunds = await trx.selectFrom('refunds').select(['id', 'amount', 'currency']).where('order_id', '=', order.orderId).where('applied_at', 'is', null).execute();
  let refunded = 0;
  for (const r of pendingRefunds) {
    if (r.currency === order.currency) refunded += Number(r.amount);
    else deps.log.warn(`refund ${r.id} for order ${order.orderId} is in ${r.currency}, the order in ${order.currency}: not applied`);
  }
  refunded = Math.min(refunded, order.amount);
  if (pendingRefunds.length > 0) await trx.updateTable('refunds').set({ applied_at: receivedIso }).where('order_id', '=', order.orderId).where('applied_at', 'is', null).execute();

  const customerKey = customer?.ok ? customer.domain : order.customerDomain ?? `order:${order.orderId}`;
  const conversionId = randomUUID();
  const referral = who.kind === 'code' ? await trx.selectFrom('referrals').select('offer_id').where('code', '=', who.code).executeTakeFirst() : undefined;
  const offerId = [order.offerId, referral?.offer_id].find((id): id is string => id !== undefined && product.offers.has(id)) ?? product.product.offers[0]!.id;

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
      amount: converted.amount,
      currency: deps.currency,
      order_amount: order.amount,
      order_currency: order.currency,
      refunded_amount: refunded,
      occurred_at: atIso,
      received_at: receivedIso,
      attribution: who.kind,
      practitioner_id: who.kind === 'none' ? null : who.practitionerId,
      code: who.code,
      deal_id: who.kind === 'deal' ? who.dealId : null,
      refunded_at: refunded > 0 ? receivedIso : null,
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
    .where('valid_from', '<=', atIso)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', atIso)]))
    .execute();
  const level = bestLevel(certs.map((c) => c.level as AchievementLevel));
  const terms = product.offers.get(offerId)!.commission;
  const result = computeCommission(terms, { amount: converted.amount, currency: deps.currency, occurredAt: atIso, firstOrderAt: first?.occurred_at ?? atIso, isFirstOrder: !first }, level);
  if (!result.eligible) return `no commission: ${result.note}`;

  const selfReferral = isSelfReferral(practitioner.email, order.customerDomain ?? null);
  const amount = selfReferral ? 0 : afterRefunds(result.amount, order.amount, refunded);
  const by = who.kind === 'code' ? `code ${who.code}, clicked ${new Date(who.clickedAt).toISOString()}` : `approved deal ${who.dealId}${who.code ? ` (approved before the click on ${who.code})` : ''}`;
  const exchange = order.currency === deps.currency ? '' : `; ${formatMoney(order.amount, order.currency)} at ${converted.rate} = ${formatMoney(converted.amount, deps.currency)}`;
  const refundText = refunded > 0 ? `; order refunded ${formatMoney(refunded, order.currency)} before it arrived` : '';
  const reason: CommissionReason = {
    attribution: who.kind,
    ...(who.code ? { code: who.code } : {}),
    ...(who.kind === 'code' ? { clickId: who.clickId, clickedAt: new Date(who.clickedAt).toISOString() } : { dealId: who.dealId }),
    offerId,
    terms: { kind: terms.kind, value: terms.value, period: terms.period },
    level,
    bonus: result.bonus,
    ...(order.currency === deps.currency ? {} : { exchange: { from: order.currency, amount: order.amount, rate: converted.rate } }),
    text: `${by}: ${result.how}${exchange}${refundText}`,
  };
  const state = selfReferral || (amount === 0 && refunded > 0) ? 'reversed' : 'pending';
  await trx
    .insertInto('commissions')
    .values({
      id: randomUUID(),
      conversion_id: conversionId,
      practitioner_id: who.practitionerId,
      kind: 'order',
      gross: result.amount,
      amount,
      currency: deps.currency,
      state,
      self_referral: selfReferral ? 1 : 0,
      reason_json: JSON.stringify(reason),
      note: selfReferral ? `self-referral: the customer's domain is the practitioner's own; not paid (${reason.text})` : reason.text,
      statement_id: null,
      created_at: receivedIso,
      updated_at: receivedIso,
    })
    .execute();
  if (selfReferral) return 'self-referral-flagged';
  return state === 'reversed' ? 'commission-reversed: refunded before it arrived' : `commission-pending via ${who.kind}`;
}

export async function applyRefund(trx: Transaction<Database>, deps: Deps, refund: RefundData, webhookId: string): Promise<string> {
  const nowIso = deps.now().toISOString();
  const conversion = await trx.selectFrom('conversions').selectAll().where('order_id', '=', refund.orderId).executeTakeFirst();
  if (!conversion) {
    await trx.insertInto('refunds').values({ id: webhookId, order_id: refund.orderId, amount: refund.amount, currency: refund.currency, occurred_at: refund.occurredAt, received_at: nowIso, applied_at: null }).execute();
    return 'refund-kept: applied when its order arrives';
  }
  const orderCurrency = conversion.order_currency ?? conversion.currency;
  const orderAmount = Number(conversion.order_amount ?? conversion.amount);
  if (refund.currency !== orderCurrency) {
    throw new HttpError(422, 'currency-mismatch', `Order ${refund.orderId} was paid in ${orderCurrency}; a refund in ${refund.currency} is refused. Nothing was recorded.`);
  }
  const refunded = Math.min(orderAmount, Number(conversion.refunded_amount) + refund.amount);
  await trx.insertInto('refunds').values({ id: webhookId, order_id: refund.orderId, amount: refund.amount, currency: refund.currency, occurred_at: refund.occurredAt, received_at: nowIso, applied_at: nowIso }).execute();
  await trx.updateTable('conversions').set({ refunded_amount: refunded, refunded_at: nowIso }).where('id', '=', conversion.id).execute();

  const rows = await trx.selectFrom('commissions').selectAll().where('conversion_id', '=', conversion.id).execute();
  const order = rows.find((r) => r.kind === 'order');
  if (!order) return 'refund-recorded (no commission on this order)';
  if (order.self_referral) return 'refund-recorded (self-referral, never paid)';
  const target = afterRefunds(Number(order.gross), orderAmount, refunded);
  const share = `${formatMoney(refunded, orderCurrency)} of ${formatMoney(orderAmount, orderCurrency)} refunded`;
  if (order.statement_id === null) {
    const state = target === 0 ? 'reversed' : order.state;
    await trx.updateTable('commissions').set({ amount: target, state, note: `${reasonText(order)}; ${share}`, updated_at: nowIso }).where('id', '=', order.id).execute();
    return target === 0 ? 'commission-reversed' : 'commission-reduced';
  }
  // Already on an issued statement: that statement stands; the next one deducts the difference.
  const net = rows.reduce((sum, r) => sum + Number(r.amount), 0);
  const delta = target - net;
  if (delta >= 0) return 'refund-recorded (nothing left to claw back)';
  const clawback: CommissionTable = {
    id: randomUUID(),
    conversion_id: conversion.id,
    practitioner_id: order.practitioner_id,
    kind: 'clawback',
    gross: 0,
    amount: delta,
    currency: order.currency,
    state: 'approved',
    self_referral: 0,
    reason_json: order.reason_json,
    note: `clawback: ${share} after statement ${order.statement_id}; deducted from the next statement`,
    statement_id: null,
    created_at: nowIso,
    updated_at: nowIso,
  };
  await trx.insertInto('commissions').values(clawback).execute();
  return 'clawback-recorded';
}

const reasonText = (row: { reason_json: string; note: string }) => (JSON.parse(row.reason_json) as Partial<CommissionReason>).text ?? row.note;
