// What an HTTP answer from a vendor means for sync. Pure: status + headers + clock in,
// decision out, so every branch is tested without a network.
import type { Say } from '../say';
import { parseRetryAfter } from './backoff';

export type AttemptOutcome =
  /** 2xx: read and validate the body. */
  | { kind: 'ok' }
  /** Try the same items again later (5xx, 408, 429, network, timeout, garbage answers). */
  | { kind: 'retry'; reason: string; retryAfterMs: number | null }
  /** 401: the access token no longer works; the practitioner must enrol again. */
  | { kind: 'reenrol'; reason: string }
  /** 410: the vendor ended this enrolment or programme; stop syncing it. */
  | { kind: 'gone'; reason: string }
  /** Another 4xx: this request as a whole was refused; split it to find the bad item. */
  | { kind: 'request-rejected'; reason: string };

export interface ResponseHead {
  status: number;
  retryAfter?: string | null;
  /** A short text from the body (problem title/detail) to show the practitioner. */
  problem?: string | null;
}


const RETRYABLE_4XX = new Set([404, 408, 425, 429]);

export function classifyResponse(head: ResponseHead, nowMs: number, say: Say): AttemptOutcome {
  const { status } = head;
  const code = String(status);
  const said = head.problem ? `: ${head.problem}` : '';
  if (status >= 200 && status < 300) return { kind: 'ok' };
  if (status === 401) return { kind: 'reenrol', reason: say('syncReenrol', code, said) };
  if (status === 410) return { kind: 'gone', reason: say('syncGone', code, said) };
  if (status >= 500 || RETRYABLE_4XX.has(status)) {
    const key = status === 429 ? 'syncSlowDown' : status === 404 ? 'syncNotFound' : 'syncVendorProblem';
    return { kind: 'retry', reason: say(key, code, said), retryAfterMs: parseRetryAfter(head.retryAfter, nowMs) };
  }
  if (status >= 400) return { kind: 'request-rejected', reason: say('syncRefused', code, said) };
  // 1xx/3xx are not answers the protocol ever gives: a proxy or captive portal is in the way.
  return { kind: 'retry', reason: say('syncUnexpected', code), retryAfterMs: null };
}

/** A fetch that threw: network down, connection reset, or our own timeout. */
export function classifyNetworkError(error: unknown, say: Say): AttemptOutcome {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') {
    return { kind: 'retry', reason: say('syncTimeout'), retryAfterMs: null };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'retry', reason: say('syncUnreachable', message), retryAfterMs: null };
}

/** Title/detail of an RFC 9457 problem body, or null. Never throws on odd input. */
export function describeProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { title, detail } = body as { title?: unknown; detail?: unknown };
  const parts = [title, detail].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.length ? parts.join(' — ').slice(0, 300) : null;
}
