// The last page the content script reported per tab, in chrome.storage.session: it survives a
// worker restart, dies with the browser session, and (at the default access level) content
// scripts cannot read it. It is forgotten when the tab loads another page, when a single-page site
// moves to a page nobody reports (page.left), and when the tab closes: nothing about a page may
// outlive it. Changes to one tab are applied in the order they were asked for.
import type { Detection } from '../core/detect';

/** The part of chrome.storage.session we use; tests pass a Map-backed fake. */
export interface SessionArea {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

export interface TabPage {
  url: string;
  detection: Detection;
}

const keyOf = (tabId: number) => `tab:${tabId}`;

export class TabMemory {
  private readonly queues = new Map<number, Promise<unknown>>();

  constructor(private readonly area: SessionArea) {}

  /** Runs `change` after every earlier change of the same tab. */
  private inOrder<T>(tabId: number, change: () => Promise<T>): Promise<T> {
    const turn = (this.queues.get(tabId) ?? Promise.resolve()).then(change);
    const settled = turn.catch(() => {});
    this.queues.set(tabId, settled);
    void settled.then(() => {
      if (this.queues.get(tabId) === settled) this.queues.delete(tabId);
    });
    return turn;
  }

  remember(tabId: number, page: TabPage): Promise<void> {
    return this.inOrder(tabId, () => this.area.set({ [keyOf(tabId)]: page }));
  }

  recall(tabId: number): Promise<TabPage | null> {
    return this.inOrder(tabId, async () => {
      const value = (await this.area.get(keyOf(tabId)))[keyOf(tabId)];
      return value && typeof value === 'object' ? (value as TabPage) : null;
    });
  }

  forget(tabId: number): Promise<void> {
    return this.inOrder(tabId, () => this.area.remove(keyOf(tabId)));
  }
}
