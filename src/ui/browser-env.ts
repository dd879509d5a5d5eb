// The real UiEnv: the extension's APIs through webextension-polyfill.
import browser from 'webextension-polyfill';
import type { PageCommands } from '../background/commands';
import { createCommandClient } from '../core/messages/client';
import type { ActiveTab, UiEnv } from './env';
import { t } from './i18n';

/** `?tab=<id>` pins the page to a tab: used when the popup is opened as a tab (browser tests, bench). */
function pinnedTabId(): number | null {
  const raw = new URLSearchParams(location.search).get('tab');
  const id = raw === null ? NaN : Number(raw);
  return Number.isInteger(id) && id >= 0 ? id : null;
}

export function browserEnv(): UiEnv {
  return {
    send: createCommandClient<PageCommands>((message) => browser.runtime.sendMessage(message), t),
    async activeTab(): Promise<ActiveTab | null> {
      const pinned = pinnedTabId();
      if (pinned !== null) return { id: pinned };
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.id === undefined ? null : { id: tab.id, url: tab.url };
    },
    openOptionsPage() {
      void browser.runtime.openOptionsPage();
    },
    requestOrigins(origins) {
      return browser.permissions.request({ origins });
    },
    isOnline: () => navigator.onLine,
    onOnlineChange(listener) {
      addEventListener('online', listener);
      addEventListener('offline', listener);
      return () => {
        removeEventListener('online', listener);
        removeEventListener('offline', listener);
      };
    },
  };
}
