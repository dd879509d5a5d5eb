// What the worker may do in a tab besides messages: read one page once after a click on the
// toolbar icon (`activeTab`: no standing permission), load the content script into a tab whose
// site was just granted, and open the popup for a tab. Tests pass a fake.
import { CONTENT_SCRIPT_MARK } from '../content/script-file';
import { readDomSignals } from '../content/signals';

export interface TabAccess {
  /** The tab's address and DOM signals, or null when the browser gives no access to it (no click, a browser page). */
  readPage(tabId: number): Promise<{ url: unknown; signals: unknown } | null>;
  /** Runs the content script in the tab now; false when the browser refuses. */
  injectContentScript(tabId: number): Promise<boolean>;
  /** Whether the content script runs in the tab's page already (false when the browser gives no access). */
  hasContentScript(tabId: number): Promise<boolean>;
  /** Opens the popup about the tab; where the browser will not open it, the popup page in a new tab. */
  openPopup(tabId: number): Promise<void>;
}

export function chromeTabAccess(contentScriptFile: string, popupUrl: string): TabAccess {
  return {
    async readPage(tabId) {
      try {
        // The address from the browser, not from the page; the signals from the page, checked by the caller.
        const [tab, [injection]] = await Promise.all([chrome.tabs.get(tabId), chrome.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: readDomSignals })]);
        return tab?.url ? { url: tab.url, signals: injection?.result } : null;
      } catch {
        return null;
      }
    },
    async injectContentScript(tabId) {
      try {
        await chrome.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [contentScriptFile] });
        return true;
      } catch {
        return false;
      }
    },
    async hasContentScript(tabId) {
      try {
        // In the extension's isolated world, where the content script marks that it runs (src/content/script-file.ts).
        const [probe] = await chrome.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: (mark: string) => mark in globalThis, args: [CONTENT_SCRIPT_MARK] });
        return probe?.result === true;
      } catch {
        return false;
      }
    },
    async openPopup(tabId) {
      try {
        await chrome.action.openPopup();
      } catch {
        await chrome.tabs.create({ url: `${popupUrl}?tab=${tabId}` });
      }
    },
  };
}
