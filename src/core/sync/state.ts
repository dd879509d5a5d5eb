// Per-vendor sync state. Stored in IndexedDB with the vendor so a restarted worker knows when
// it may try again and why it stopped.
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { AttemptOutcome } from './classify';

export type VendorSyncStatus = 'ok' | 'backoff' | 'reenrol' | 'gone';

export interface VendorSyncState {
  status: VendorSyncStatus;
  /** Consecutive retryable failures; 0 after a success. */
  failures: number;
  /** Epoch ms before which no request is sent to this vendor. */
  nextAttemptAt: number;
  lastError?: string;
  lastErrorAt?: number;
  lastSuccessAt?: number;
  /** Epoch ms the vendor asked us to wait until (Retry-After); even "Sync now" respects it. */
  retryAfterUntil?: number;
}

export const initialSyncState = (): VendorSyncState => ({ status: 'ok', failures: 0, nextAttemptAt: 0 });

/** Whether a sync run may talk to this vendor now. `force` (Sync now) skips the backoff wait only. */
export function maySync(state: VendorSyncState, nowMs: number, force = false): boolean {
  if (state.status === 'reenrol' || state.status === 'gone') return false;
  if (force) return nowMs >= (state.retryAfterUntil ?? 0);
  return nowMs >= state.nextAttemptAt;
}

export function afterSuccess(state: VendorSyncState, nowMs: number): VendorSyncState {
  return { status: 'ok', failures: 0, nextAttemptAt: 0, lastSuccessAt: nowMs };
}

export function afterFailure(
  state: VendorSyncState,
  outcome: Exclude<AttemptOutcome, { kind: 'ok' }>,
  nowMs: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): VendorSyncState {
  const base = { ...state, lastError: outcome.reason, lastErrorAt: nowMs };
  switch (outcome.kind) {
    case 'reenrol':
      return { ...base, status: 'reenrol', nextAttemptAt: Number.MAX_SAFE_INTEGER };
    case 'gone':
      return { ...base, status: 'gone', nextAttemptAt: Number.MAX_SAFE_INTEGER };
    case 'retry':
    case 'request-rejected': {
      const failures = state.failures + 1;
      const jittered = backoffDelay(failures, random, policy);
      // The vendor's Retry-After is a floor: never come back earlier than it asked.
      const wait = outcome.kind === 'retry' && outcome.retryAfterMs !== null ? Math.max(outcome.retryAfterMs, jittered) : jittered;
      const asked = outcome.kind === 'retry' && outcome.retryAfterMs !== null ? { retryAfterUntil: nowMs + outcome.retryAfterMs } : {};
      const { retryAfterUntil: _old, ...rest } = base;
      return { ...rest, ...asked, status: 'backoff', failures, nextAttemptAt: nowMs + wait };
    }
  }
}

/** True when `intervalMs` has passed since `lastAt` (or it never happened). */
export const isDue = (lastAt: number | undefined, nowMs: number, intervalMs: number) =>
  lastAt === undefined || nowMs - lastAt >= intervalMs || nowMs < lastAt;
