// What the worker may do in a tab besides messages: read one page once after a click on the
// toolbar icon (`activeTab`: no standing permission), run the content script in a tab (handing it
// the worker's answer), call the script already running there, and open the popup for a tab.
// Tests pass a fake.
import type { PageAnswer } from '../core/messages/views';
import { CONTENT_SCRIPT_MARK, HANDED_ANSWER, type ContentScriptHandle } from '../content/script-file';
import { readDomSignals } from '../content/signals';

export interface TabAccess {
  /** The tab's address and DOM signals, or null when the browser gives no access to it (no click, a browser page). */
  readPage(tabId: number): Promise<{ url: unknown; signals: unknown } | null>;
  /**
   * Runs the content script in the tab now; false when the browser refuses. With `answer`, the
   * script gets the worker's answer for the page (a script running there already gets it alone).
   */
  injectContentScript(tabId: number, answer?: PageAnswer): Promise<boolean>;
  /** Asks the tab's content script to open the reply preview on its focused box; false when it did not. */
  openReplyPreview(tabId: number, frameId: number): Promise<boolean>;
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
    async injectContentScript(tabId, answer) {
      const target = { tabId, frameIds: [0] };
      try {
        if (answer) {
          const [handed] = await chrome.scripting.executeScript({ target, func: handAnswer, args: [CONTENT_SCRIPT_MARK, HANDED_ANSWER, answer] });
          if (handed?.result === true) return true;
        }
        await chrome.scripting.executeScript({ target, files: [contentScriptFile] });
        return true;
      } catch {
        return false;
      }
    },
    async openReplyPreview(tabId, frameId) {
      try {
        const [opened] = await chrome.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, func: callOpenReply, args: [CONTENT_SCRIPT_MARK] });
        return opened?.result === true;
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

// Run in the content script's isolated world (`executeScript({ func })` sends their source
// alone), so they use nothing declared outside their bodies.

/** Gives the answer to the script running in the page (true), or leaves it for the script's first run (false). */
function handAnswer(mark: string, slot: string, answer: PageAnswer): boolean {
  const world = globalThis as unknown as Record<string, unknown>;
  const running = world[mark] as ContentScriptHandle | undefined;
  if (typeof running?.inspect === 'function') {
    running.inspect(answer);
    return true;
  }
  world[slot] = answer;
  return false;
}

function callOpenReply(mark: string): boolean {
  const running = (globalThis as unknown as Record<string, unknown>)[mark] as ContentScriptHandle | undefined;
  return typeof running?.openReply === 'function' && running.openReply();
}
