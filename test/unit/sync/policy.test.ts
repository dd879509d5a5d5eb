import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { de, en } from '../../messages';
import { backoffDelay, MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../../src/core/sync/backoff';
import { classifyNetworkError, classifyResponse, describeProblem } from '../../../src/core/sync/classify';
import { afterFailure, afterSuccess, initialSyncState, isDue, maySync } from '../../../src/core/sync/state';
import { GarbageResultsError, halves, readResults } from '../../../src/core/sync/batch';
import { badgeFor, BADGE_COLORS } from '../../../src/core/sync/badge';

const NOW = Date.parse('2026-03-01T10:00:00Z');

describe('backoffDelay (full jitter)', () => {
  it('stays within [0, min(max, base·2^(attempt-1))) for any random value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const cap = Math.min(3_600_000, 30_000 * 2 ** (attempt - 1));
        const d = backoffDelay(attempt, () => r);
        return d >= 0 && d < cap + 1 && Number.isInteger(d);
      }),
    );
  });
  it('doubles the cap per attempt up to the maximum', () => {
    const top = (n: number) => backoffDelay(n, () => 0.9999999);
    expect([1, 2, 3, 4].map((n) => Math.round(top(n) / 1000))).toEqual([30, 60, 120, 240]);
    expect(top(40)).toBeLessThanOrEqual(3_600_000);
    expect(backoffDelay(5, () => 0)).toBe(0);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
  });
  it('treats a date in the past as "now", caps absurd waits and ignores junk', () => {
    expect(parseRetryAfter(new Date(NOW - 90_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('99999999', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('-5', NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });
});

describe('classifyResponse', () => {
  it.each([
    [200, 'ok'],
    [204, 'ok'],
    [401, 'reenrol'],
    [410, 'gone'],
    [429, 'retry'],
    [408, 'retry'],
    [404, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [302, 'retry'],
    [400, 'request-rejected'],
    [413, 'request-rejected'],
    [422, 'request-rejected'],
  ])('HTTP %i → %s', (status, kind) => {
    expect(classifyResponse({ status }, NOW, en).kind).toBe(kind);
  });
  it('passes Retry-After and the problem text along', () => {
    const outcome = classifyResponse({ status: 429, retryAfter: '30', problem: 'Too many requests' }, NOW, en);
    expect(outcome).toEqual({ kind: 'retry', retryAfterMs: 30_000, reason: 'The vendor asked us to slow down (HTTP 429: Too many requests); will retry.' });
    expect(classifyResponse({ status: 401 }, NOW, en)).toEqual({ kind: 'reenrol', reason: 'The vendor no longer accepts this enrolment (HTTP 401). Please enrol again.' });
  });
  it('says it in the language it is given (the worker passes the browser’s)', () => {
    expect((classifyResponse({ status: 503, problem: 'Wartung' }, NOW, de) as { reason: string }).reason).toBe('Der Anbieter hatte ein Problem (HTTP 503: Wartung); ein neuer Versuch folgt.');
    expect((classifyNetworkError(new DOMException('x', 'TimeoutError'), de) as { reason: string }).reason).toBe('Der Anbieter hat nicht rechtzeitig geantwortet; ein neuer Versuch folgt.');
  });
  it('names timeouts and network failures', () => {
    expect(classifyNetworkError(new DOMException('x', 'TimeoutError'), en).kind).toBe('retry');
    expect((classifyNetworkError(new DOMException('x', 'AbortError'), en) as { reason: string }).reason).toMatch(/in time/);
    expect((classifyNetworkError(new TypeError('ECONNRESET'), en) as { reason: string }).reason).toMatch(/ECONNRESET/);
  });
  it('describeProblem tolerates any body', () => {
    expect(describeProblem({ title: 'Bad', detail: 'x is wrong' })).toBe('Bad — x is wrong');
    expect(describeProblem('<html>')).toBeNull();
    expect(describeProblem(null)).toBeNull();
    expect(describeProblem({ title: 5 })).toBeNull();
  });
});

describe('vendor sync state', () => {
  const random = () => 0.5;
  it('backs off on retryable failures and resets on success', () => {
    let s = initialSyncState();
    s = afterFailure(s, { kind: 'retry', reason: 'boom', retryAfterMs: null }, NOW, random);
    expect(s).toMatchObject({ status: 'backoff', failures: 1, lastError: 'boom', nextAttemptAt: NOW + 15_000 });
    expect(maySync(s, NOW + 14_999)).toBe(false);
    expect(maySync(s, NOW + 15_000)).toBe(true);
    expect(maySync(s, NOW, true)).toBe(true);
    s = afterFailure(s, { kind: 'retry', reason: 'boom', retryAfterMs: null }, NOW, random);
    expect(s.nextAttemptAt).toBe(NOW + 30_000);
    s = afterSuccess(s, NOW + 1);
    expect(s).toEqual({ status: 'ok', failures: 0, nextAttemptAt: 0, lastSuccessAt: NOW + 1 });
  });
  it('never retries before Retry-After, even when forced', () => {
    const s = afterFailure(initialSyncState(), { kind: 'retry', reason: 'slow', retryAfterMs: 600_000 }, NOW, random);
    expect(s.nextAttemptAt).toBe(NOW + 600_000);
    expect(maySync(s, NOW + 599_999, true)).toBe(false);
    expect(maySync(s, NOW + 600_000, true)).toBe(true);
    // A later failure without Retry-After drops the old floor.
    const next = afterFailure(s, { kind: 'retry', reason: 'x', retryAfterMs: null }, NOW + 600_000, random);
    expect(next.retryAfterUntil).toBeUndefined();
  });
  it('401 and 410 stop sync until re-enrolment, even when forced', () => {
    for (const kind of ['reenrol', 'gone'] as const) {
      const s = afterFailure(initialSyncState(), { kind, reason: kind }, NOW, random);
      expect(s.status).toBe(kind);
      expect(maySync(s, NOW + 365 * 86_400_000, true)).toBe(false);
    }
  });
  it('isDue', () => {
    expect(isDue(undefined, NOW, 1000)).toBe(true);
    expect(isDue(NOW - 999, NOW, 1000)).toBe(false);
    expect(isDue(NOW - 1000, NOW, 1000)).toBe(true);
    expect(isDue(NOW + 5000, NOW, 1000)).toBe(true); // clock went backwards
  });
});

describe('readResults', () => {
  const ids = ['a', 'b', 'c'];
  it('sorts results into accepted, rejected (with reason) and unanswered', () => {
    const verdict = readResults(ids, [
      { id: 'a', status: 'accepted' },
      { id: 'c', status: 'rejected', error: { title: 'Unknown offer', detail: 'no "pro"' } },
    ], en);
    expect(verdict).toEqual({ accepted: ['a'], rejected: [{ id: 'c', error: 'Unknown offer — no "pro"' }], unanswered: ['b'] });
  });
  it('accepts agreeing duplicates, refuses contradictions and foreign ids', () => {
    expect(readResults(['a'], [{ id: 'a', status: 'accepted' }, { id: 'a', status: 'accepted' }], en).accepted).toEqual(['a']);
    expect(() => readResults(['a'], [{ id: 'a', status: 'accepted' }, { id: 'a', status: 'rejected' }], en)).toThrow(GarbageResultsError);
    expect(() => readResults(['a'], [{ id: 'z', status: 'accepted' }], en)).toThrow(/did not send/);
  });
  it('gives a reason even when the vendor gave none', () => {
    expect(readResults(['a'], [{ id: 'a', status: 'rejected' }], en).rejected[0]!.error).toBe('Rejected by the vendor (no reason given)');
    expect(readResults(['a'], [{ id: 'a', status: 'rejected' }], de).rejected[0]!.error).toBe('Vom Anbieter abgelehnt (ohne Angabe von Gründen)');
  });
  it('halves', () => {
    expect(halves([1, 2, 3])).toEqual([[1, 2], [3]]);
    expect(halves([1])).toEqual([[1], []]);
  });
});

describe('badgeFor', () => {
  it('shows errors first, then new conversions, then unsynced items', () => {
    expect(badgeFor({ hasError: true, newConversions: 3, unsynced: 2 })).toEqual({ text: '!', color: BADGE_COLORS.error });
    expect(badgeFor({ hasError: false, newConversions: 3, unsynced: 2 })).toEqual({ text: '+3', color: BADGE_COLORS.conversions });
    expect(badgeFor({ hasError: false, newConversions: 0, unsynced: 2 })).toEqual({ text: '2', color: BADGE_COLORS.unsynced });
    expect(badgeFor({ hasError: false, newConversions: 0, unsynced: 0 }).text).toBe('');
    expect(badgeFor({ hasError: false, newConversions: 0, unsynced: 12_345 }).text).toBe('1k+');
  });
});
