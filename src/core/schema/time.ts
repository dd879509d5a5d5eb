// Instants. Every timestamp that crosses a boundary is parsed here and leaves as canonical UTC
// (`2026-01-31T09:30:00.000Z`), so later code compares instants, never text with offsets.
import * as v from 'valibot';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Milliseconds since the epoch for an RFC 3339 date-time with an explicit zone, or null. */
export function parseInstant(text: string): number | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  if (sign && (Number(oh) > 23 || Number(om) > 59)) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0);
  if (new Date(local).getUTCDate() !== day) return null; // 2026-02-30
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000 : 0;
  const ms = local - offset;
  return Number.isFinite(ms) ? ms : null;
}

/** The canonical text of an instant. */
export const formatInstant = (ms: number): string => new Date(ms).toISOString();

/** Any RFC 3339 date-time with a zone in; canonical UTC out. */
export const instant = (what = 'time') =>
  v.pipe(
    v.string(`${what} must be text`),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const ms = parseInstant(dataset.value);
      if (ms === null) {
        addIssue({ message: `${what} must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T12:00:00Z` });
        return NEVER;
      }
      return formatInstant(ms);
    }),
  );

/** The instant of a Date, checked (an invalid Date is a programming error). */
export function instantOf(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new TypeError('now must be a valid Date');
  return date.toISOString();
}
