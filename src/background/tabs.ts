// The last page the content script reported per tab, in chrome.storage.session: it survives a
// worker restart, dies with the browser session, and (at the default access level) content
// scripts cannot read it. It is forgotten when the tab loads another page, when a single-page site
// moves to a page about nothing (its page.detected says so), and when the tab closes: nothing about a page may
// outlive it. Changes to one tab are applied in the order they were asked for. A reply the
// practitioner is previewing in the tab (a referral made, not yet stored) lives here too, and
// goes with the page.
import type { Detection } from '../core/detect';
import type { ReferralDraft } from './referrals';

/** The part of chrome.storage.session we use; tests pass a Map-backed fake. */
export interface SessionArea {
  /** null: everything stored. */
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

export interface TabPage {
  url: string;
  detection: Detection;
}

/** A referral prepared for a reply box, shown to the practitioner, stored only when they insert it. */
export interface ReplyDraft {
  draftId: string;
  /** The page it was prepared on. */
  url: string;
  text: string;
  referral: ReferralDraft;
}

const keyOf = (tabId: number) => `tab:${tabId}`;
const draftKeyOf = (tabId: number) => `draft:${tabId}`;

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

  /** Every tab with a remembered page (to show a settings change on their toolbar icons). */
  async all(): Promise<[number, TabPage][]> {
    const stored = await this.area.get(null);
    return Object.entries(stored).flatMap(([key, page]) => (key.startsWith('tab:') && page && typeof page === 'object' ? [[Number(key.slice(4)), page as TabPage] as [number, TabPage]] : []));
  }

  forget(tabId: number): Promise<void> {
    return this.inOrder(tabId, async () => {
      await this.area.remove(keyOf(tabId));
      await this.area.remove(draftKeyOf(tabId));
    });
  }

  /** One draft per tab: a new preview replaces the last. */
  keepDraft(tabId: number, draft: ReplyDraft): Promise<void> {
    return this.inOrder(tabId, () => this.area.set({ [draftKeyOf(tabId)]: draft }));
  }

  /** The tab's draft with this id, removed as it is taken (it is stored once). */
  takeDraft(tabId: number, draftId: string): Promise<ReplyDraft | null> {
    return this.inOrder(tabId, async () => {
      const value = (await this.area.get(draftKeyOf(tabId)))[draftKeyOf(tabId)] as ReplyDraft | undefined;
      if (!value || value.draftId !== draftId) return null;
      await this.area.remove(draftKeyOf(tabId));
      return value;
    });
  }
}
