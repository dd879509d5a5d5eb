// The last detection per tab, in chrome.storage.session: it survives a worker restart, dies
// with the browser session, and (at the default access level) content scripts cannot read it.
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
  constructor(private readonly area: SessionArea) {}

  async remember(tabId: number, page: TabPage): Promise<void> {
    await this.area.set({ [keyOf(tabId)]: page });
  }

  async recall(tabId: number): Promise<TabPage | null> {
    const value = (await this.area.get(keyOf(tabId)))[keyOf(tabId)];
    return value && typeof value === 'object' ? (value as TabPage) : null;
  }

  async forget(tabId: number): Promise<void> {
    await this.area.remove(keyOf(tabId));
  }
}
