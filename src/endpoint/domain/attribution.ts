// Who earns an order. The code the checkout carried wins when it verifies and was clicked
// within the window before the order; an approved deal for the customer wins when the order
// carries no such code, or when the vendor approved the deal before that click. The endpoint
// never moves an order to another practitioner's code: the checkout's `ref` already is the last
// link the buyer followed. Every time compared here is one the endpoint recorded itself, except
// the order's own time, which comes signed from the vendor's billing system.
import type { Transaction } from 'kysely';
import { normaliseReferralCode } from '../../core/referral/code';
import type { Deps } from '../context';
import type { Database } from '../db/schema';
import { DAY_MS } from './commission';

export interface CarriedCode {
  code: string;
  practitionerId: string;
  /** The latest counted click on the code within the window, or null. */
  click: { id: string; at: number } | null;
}

export interface InForceDeal {
  id: string;
  practitionerId: string;
  approvedAt: number;
}

export type Attribution =
  | { kind: 'code'; practitionerId: string; code: string; clickId: string; clickedAt: number }
  | { kind: 'deal'; practitionerId: string; dealId: string; code: string | null }
  | { kind: 'none'; reason: string; code: string | null };

/** The rule itself, pure (docs/protocol.md "Attribution"). */
export function decide(carried: CarriedCode | null, deal: InForceDeal | null, windowDays: number): Attribution {
  const click = carried?.click ?? null;
  if (carried && click) {
    if (deal && deal.approvedAt < click.at) return { kind: 'deal', practitionerId: deal.practitionerId, dealId: deal.id, code: carried.code };
    return { kind: 'code', practitionerId: carried.practitionerId, code: carried.code, clickId: click.id, clickedAt: click.at };
  }
  if (deal) return { kind: 'deal', practitionerId: deal.practitionerId, dealId: deal.id, code: carried?.code ?? null };
  if (!carried) return { kind: 'none', reason: 'the order names no referral code that verifies and no approved deal matches', code: null };
  return { kind: 'none', reason: `no counted click on code ${carried.code} within ${windowDays} days before the order`, code: carried.code };
}

export async function attribute(
  trx: Transaction<Database>,
  deps: Deps,
  order: { referralCode?: string | undefined; dealDomain: string | null; productId: string; at: number },
): Promise<Attribution> {
  const windowMs = deps.settings.attributionDays * DAY_MS;
  const at = new Date(order.at).toISOString();
  const windowStart = new Date(order.at - windowMs).toISOString();

  let carried: CarriedCode | null = null;
  const code = order.referralCode ? normaliseReferralCode(order.referralCode) : null;
  const owner = code ? await deps.codes.owner(code) : null;
  if (code && owner) {
    const click = await trx
      .selectFrom('clicks')
      .select(['id', 'clicked_at'])
      .where('code', '=', code)
      .where('day', '>=', windowStart.slice(0, 10)) // lets the (code, day, visitor) key find them
      .where('day', '<=', at.slice(0, 10))
      .where('clicked_at', '>=', windowStart)
      .where('clicked_at', '<=', at)
      .orderBy('clicked_at', 'desc')
      .orderBy('id')
      .executeTakeFirst();
    carried = { code, practitionerId: owner.practitionerId, click: click ? { id: click.id, at: Date.parse(click.clicked_at) } : null };
  }

  let deal: InForceDeal | null = null;
  if (order.dealDomain) {
    const row = await trx
      .selectFrom('deals')
      .select(['id', 'practitioner_id', 'reviewed_at'])
      .where('customer_domain', '=', order.dealDomain)
      .where('product_id', '=', order.productId)
      .where('status', '=', 'approved')
      .where('received_at', '<=', at)
      .where('expires_at', '>=', at)
      .where('reviewed_at', '<=', at)
      .orderBy('received_at')
      .orderBy('id')
      .executeTakeFirst();
    if (row) deal = { id: row.id, practitionerId: row.practitioner_id, approvedAt: Date.parse(row.reviewed_at!) };
  }
  return decide(carried, deal, deps.settings.attributionDays);
}
