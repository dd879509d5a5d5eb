// Commission rules, pure: per-offer terms times the practitioner's certification-level bonus,
// in the vendor's one currency.
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

/** Digits after the decimal point of a currency's minor unit (USD 2, JPY 0, KWD 3). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export const formatMoney = (minor: number, currency: string) => `${currency} ${(minor / 10 ** minorDigits(currency)).toFixed(minorDigits(currency))}`;

/**
 * An amount in another currency → the vendor's, at the vendor's configured rate (units of the
 * vendor's currency per unit of `from`), rounded half up to the minor unit. Null: no rate.
 */
export function convert(amount: number, from: string, to: string, rates: Record<string, number>): { amount: number; rate: number } | null {
  if (from === to) return { amount, rate: 1 };
  const rate = rates[from];
  if (rate === undefined) return null;
  const units = amount / 10 ** minorDigits(from);
  return { amount: Math.round(units * rate * 10 ** minorDigits(to)), rate };
}

export interface OrderFacts {
  /** In the vendor's currency, minor units. */
  amount: number;
  currency: string;
  occurredAt: string;
  /** When this customer's first attributed order for the product happened (this order's time if it is the first). */
  firstOrderAt: string;
  isFirstOrder: boolean;
}

export type CommissionResult =
  | { eligible: true; amount: number; bonus: number; how: string }
  | { eligible: false; note: string };

/**
 * Percent terms pay a share of the order; fixed terms pay `value` whole currency units (catalog
 * amounts are written for people: 200 means 200.00). `period` limits which orders pay.
 */
export function computeCommission(terms: Commission, order: OrderFacts, level: AchievementLevel | null): CommissionResult {
  const bonus = level ? LEVEL_BONUS[level] : 1;
  if (terms.period === 'one-time' && !order.isFirstOrder) return { eligible: false, note: 'one-time commission already earned on the first order' };
  if (terms.period === 'first-year' && Date.parse(order.occurredAt) - Date.parse(order.firstOrderAt) >= YEAR_MS) {
    return { eligible: false, note: 'first-year commission: the customer is past its first year' };
  }
  const base = terms.kind === 'percent' ? (order.amount * terms.value) / 100 : terms.value * 10 ** minorDigits(order.currency);
  const amount = Math.round(base * bonus);
  const how = terms.kind === 'percent' ? `${terms.value}% of ${formatMoney(order.amount, order.currency)}` : `fixed ${terms.value} ${order.currency}`;
  return { eligible: true, amount, bonus, how: `${how} (${terms.period}) × ${bonus} (${level ?? 'no certification'})` };
}

/** What is left of a commission after refunds: proportional to what is left of the order. */
export function afterRefunds(gross: number, orderAmount: number, refunded: number): number {
  if (orderAmount <= 0) return 0;
  const left = Math.max(0, orderAmount - refunded);
  return Math.round((gross * left) / orderAmount);
}

/** A practitioner referring their own organisation is flagged and not paid. */
export function isSelfReferral(practitionerEmail: string, customerDomain: string | null): boolean {
  if (!customerDomain) return false;
  const own = practitionerEmail.slice(practitionerEmail.lastIndexOf('@') + 1).toLowerCase();
  const customer = customerDomain.toLowerCase();
  return customer === own || customer.endsWith(`.${own}`) || own.endsWith(`.${customer}`);
}
