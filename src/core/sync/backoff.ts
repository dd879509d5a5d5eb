// Retry timing for talking to vendors. Full jitter (a random delay between 0 and the capped
// exponential) spreads retries of many extensions so a recovering vendor is not hit in waves.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 60 * 60_000 };

/** Delay before retry number `attempt` (1 = first retry). `random` returns [0, 1). */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * cap);
}

/** Longest wait we accept from a vendor's Retry-After, so a typo cannot stop sync for weeks. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;

/**
 * Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Returns the wait in
 * milliseconds from `nowMs`, or null when the header is absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | null {
  if (header == null) return null;
  const text = header.trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  // An HTTP date always names a month ("Wed, 21 Oct 2015 07:28:00 GMT"); without letters,
  // Date.parse would read "-5" as a year.
  if (!/[a-z]{3}/i.test(text)) return null;
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return null;
  return Math.min(Math.max(0, at - nowMs), MAX_RETRY_AFTER_MS);
}
