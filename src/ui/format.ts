// Numbers, money and dates for display, in the browser's UI language (the one the words are in).
import { uiLocale } from './i18n';

export function formatNumber(n: number): string {
  try {
    return new Intl.NumberFormat(uiLocale()).format(n);
  } catch {
    return String(n);
  }
}

/** Amounts travel in minor units (cents); the currency says how many digits that is. */
export function formatMoney(minor: number, currency: string | undefined): string {
  if (!currency) return formatNumber(minor);
  try {
    const format = new Intl.NumberFormat(uiLocale(), { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** digits);
  } catch {
    return `${minor} ${currency}`;
  }
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(uiLocale(), { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(uiLocale(), { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Everything earned but not taken back: pending + approved + paid. */
export function earned(c: { pending: number; approved: number; paid: number }): number {
  return c.pending + c.approved + c.paid;
}
