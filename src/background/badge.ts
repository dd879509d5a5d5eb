// Keeps the toolbar badge in step with the outbox, stats and problems. Refreshes are coalesced:
// many changes in a burst cost one database read.
import { badgeFor } from '../core/sync/badge';
import type { DbHandle } from './db';
import type { StorageHealth } from './health';
import { badgeInput } from './reports';

/** The part of chrome.action we use. */
export interface BadgeSurface {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
}

export function createBadgeUpdater(db: DbHandle, health: StorageHealth, surface: BadgeSurface) {
  let running: Promise<void> | null = null;
  let again = false;

  async function update(): Promise<void> {
    let input;
    try {
      input = await badgeInput(await db.get(), health.list());
    } catch {
      // The database itself is unreachable: that is the error to show.
      input = { hasError: true, newConversions: 0, unsynced: 0 };
    }
    const badge = badgeFor(input);
    await surface.setBadgeBackgroundColor({ color: badge.color });
    await surface.setBadgeText({ text: badge.text });
  }

  /** Resolves when the badge reflects the state at (or after) the call. */
  function refresh(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await update().catch(() => {});
      } while (again);
      running = null;
    })();
    return running;
  }

  return { refresh };
}
