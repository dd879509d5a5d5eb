// Batching and reading per-item results. A vendor's answer marks an item synced only when it
// names that item; anything that does not add up is treated as garbage and retried later.
import type { Say } from '../say';

export const MAX_BATCH = 100;

export interface ItemResult {
  id: string;
  status: 'accepted' | 'rejected';
  error?: { title?: string; detail?: string } | undefined;
}

export interface BatchVerdict {
  accepted: string[];
  rejected: { id: string; error: string }[];
  /** Sent but not answered for: stay pending, sent again next time. */
  unanswered: string[];
}

export class GarbageResultsError extends Error {
  override name = 'GarbageResultsError';
  constructor(
    /** `stray`: a result for an item not sent; `contradicting`: two results for one item that disagree. */
    readonly kind: 'stray' | 'contradicting',
    readonly itemId: string,
  ) {
    super(kind === 'stray' ? `The vendor answered for an item we did not send (${itemId}).` : `The vendor gave contradicting results for item ${itemId}.`);
  }
}

/** Splits a refused request in two to find the item the vendor objects to. */
export function halves<T>(items: readonly T[]): [T[], T[]] {
  const mid = Math.ceil(items.length / 2);
  return [items.slice(0, mid), items.slice(mid)];
}

const describeItemError = (error: ItemResult['error'], say: Say) =>
  [error?.title, error?.detail].filter((p) => typeof p === 'string' && p.trim() !== '').join(' — ') || say('syncItemRejectedNoReason');

/**
 * Matches results to the ids sent. Results repeated for the same id (a duplicated answer) are
 * fine when they agree; an id we did not send or two contradicting results make the whole
 * answer untrustworthy (GarbageResultsError), so nothing is marked.
 */
export function readResults(sentIds: readonly string[], results: readonly ItemResult[], say: Say): BatchVerdict {
  const sent = new Set(sentIds);
  const seen = new Map<string, ItemResult>();
  for (const result of results) {
    if (!sent.has(result.id)) throw new GarbageResultsError('stray', result.id);
    const earlier = seen.get(result.id);
    if (earlier && earlier.status !== result.status) {
      throw new GarbageResultsError('contradicting', result.id);
    }
    if (!earlier) seen.set(result.id, result);
  }
  const verdict: BatchVerdict = { accepted: [], rejected: [], unanswered: [] };
  for (const id of sentIds) {
    const result = seen.get(id);
    if (!result) verdict.unanswered.push(id);
    else if (result.status === 'accepted') verdict.accepted.push(id);
    else verdict.rejected.push({ id, error: describeItemError(result.error, say) });
  }
  return verdict;
}
