// Who earns a conversion: a registered deal for the customer's domain wins over clicks; among
// clicks, the last one within the attribution window wins, whoever's code it was.
import type { Transaction } from 'kysely';
import { normaliseReferralCode } from '../../core/referral/code';
import type { OrderData } from '../../core/protocol/webhook';
import type { App } from '../app';
import type { Database } from '../db/schema';
import { DAY_MS } from './commission';

export type Attribution =
  | { kind: 'deal'; practitionerId: string; dealId: string; code: null }
  | { kind: 'click'; practitionerId: string; dealId: null; code: string }
  | { kind: 'none'; reason: string; code: string | null };

export async function attribute(trx: Transaction<Database>, app: App, order: OrderData): Promise<Attribution> {
  const occurred = Date.parse(order.occurredAt);
  const windowStart = new Date(occurred - app.attributionDays * DAY_MS).toISOString();

  if (order.customerDomain) {
    const deal = await trx
      .selectFrom('deals')
      .select(['id', 'practitioner_id'])
      .where('customer_domain', '=', order.customerDomain)
      .where('product_id', '=', order.productId)
      .where('created_at', '>=', windowStart)
      .where('created_at', '<=', order.occurredAt)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (deal) return { kind: 'deal', practitionerId: deal.practitioner_id, dealId: deal.id, code: null };
  }

  if (!order.referralCode) return { kind: 'none', reason: 'the order names no referral code and no registered deal matches', code: null };
  const code = normaliseReferralCode(order.referralCode);
  const owner = code ? await app.codes.owner(code) : null;
  if (!code || !owner) {
    return { kind: 'none', reason: 'the referral code does not verify', code: null };
  }

  const clicks = await trx
    .selectFrom('clicks')
    .select(['day', 'visitor_hash'])
    .where('code', '=', code)
    .where('clicked_at', '>=', windowStart)
    .where('clicked_at', '<=', order.occurredAt)
    .orderBy('clicked_at', 'desc')
    .limit(50)
    .execute();
  if (clicks.length === 0) return { kind: 'none', reason: `no click on the code within ${app.attributionDays} days before the order`, code };

  // Last click wins: the same visitor (same day, same hash) may have clicked another
  // practitioner's link for this product afterwards.
  const productOffers = [...(app.products.get(order.productId)?.offers.keys() ?? [])];
  const latest = productOffers.length
    ? await trx
        .selectFrom('clicks')
        .select(['code', 'practitioner_id'])
        .where((eb) => eb.or(clicks.map((c) => eb.and([eb('day', '=', c.day), eb('visitor_hash', '=', c.visitor_hash)]))))
        .where('offer_id', 'in', productOffers)
        .where('clicked_at', '>=', windowStart)
        .where('clicked_at', '<=', order.occurredAt)
        .orderBy('clicked_at', 'desc')
        .executeTakeFirst()
    : undefined;
  if (latest) return { kind: 'click', practitionerId: latest.practitioner_id, dealId: null, code: latest.code };
  return { kind: 'click', practitionerId: owner.practitionerId, dealId: null, code };
}
