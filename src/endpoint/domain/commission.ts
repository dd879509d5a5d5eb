// Commission rules, pure: per-offer terms times the practitioner's certification-level bonus.
import type { Commission } from '../../core/catalog';
import type { AchievementLevel } from '../../core/credential/schema';

export const LEVEL_BONUS: Record<AchievementLevel, number> = { associate: 1.0, professional: 1.1, expert: 1.25 };
const LEVEL_RANK: Record<AchievementLevel, number> = { associate: 1, professional: 2, expert: 3 };

export const DAY_MS = 86_400_000;
export const DEFAULT_ATTRIBUTION_DAYS = 90;
const YEAR_MS = 365 * DAY_MS;

/** The highest of the given levels, or null for none. */
export function bestLevel(levels: readonly AchievementLevel[]): AchievementLevel | null {
  let best: AchievementLevel | null = null;
  for (const level of levels) if (best === null || LEVEL_RANK[level] > LEVEL_RANK[best]) best = level;
  return best;
}

export interface OrderFacts {
  amount: number; // minor units
  currency: string;
  occurredAt: string;
  /** When this customer's first attributed order for the product happened (this order's time if it is the first). */
  firstOrderAt: string;
  isFirstOrder: boolean;
}

export type CommissionResult = { amount: number; currency: string; note: string } | { amount: 0; currency: string; note: string; ineligible: true };

/**
 * Percent terms pay a share of the order; fixed terms pay `value` whole currency units (catalog
 * amounts are written for people: 200 means 200.00). `period` limits which orders pay.
 */
export function computeCommission(terms: Commission, order: OrderFacts, level: AchievementLevel | null): CommissionResult {
  const bonus = level ? LEVEL_BONUS[level] : 1;
  const currency = terms.kind === 'fixed' ? terms.currency : order.currency;
  if (terms.period === 'one-time' && !order.isFirstOrder) {
    return { amount: 0, currency, note: 'one-time commission already earned on the first order', ineligible: true };
  }
  if (terms.period === 'first-year' && Date.parse(order.occurredAt) - Date.parse(order.firstOrderAt) >= YEAR_MS) {
    return { amount: 0, currency, note: 'first-year commission: the customer is past its first year', ineligible: true };
  }
  const base = terms.kind === 'percent' ? (order.amount * terms.value) / 100 : terms.value * 100;
  const amount = Math.round(base * bonus);
  const how = terms.kind === 'percent' ? `${terms.value}% of ${order.amount}` : `fixed ${terms.value} ${terms.currency}`;
  return { amount, currency, note: `${how} × ${bonus} (${level ?? 'no certification'})` };
}

/** A practitioner referring their own organisation is flagged and not paid. */
export function isSelfReferral(practitionerEmail: string, customerDomain: string | null): boolean {
  if (!customerDomain) return false;
  const own = practitionerEmail.slice(practitionerEmail.lastIndexOf('@') + 1).toLowerCase();
  const customer = customerDomain.toLowerCase();
  return customer === own || customer.endsWith(`.${own}`) || own.endsWith(`.${customer}`);
}
