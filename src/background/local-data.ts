// What the browser keeps for Advocate outside IndexedDB: storage.local (the catalog's public host
// list), storage.session (pages per tab, reply drafts, storage problems), alarms, the badge and
// each tab's toolbar icon. data.deleteAll empties them; tests pass a fake.
export interface LocalData {
  /** storage.local and storage.session emptied. */
  clearStorage(): Promise<void>;
  /** Every alarm cancelled, then the sync alarm made again as a fresh start makes it. */
  resetAlarms(): Promise<void>;
  /** Each open tab's own badge text (the context menu's "?" or "new") removed. */
  clearTabBadges(): Promise<void>;
}

export function chromeLocalData(syncAlarm: { name: string; info: chrome.alarms.AlarmCreateInfo }): LocalData {
  return {
    async clearStorage() {
      await Promise.all([chrome.storage.local.clear(), chrome.storage.session.clear()]);
    },
    async resetAlarms() {
      await chrome.alarms.clearAll();
      await chrome.alarms.create(syncAlarm.name, syncAlarm.info);
    },
    async clearTabBadges() {
      // tabs.query needs no "tabs" permission for ids. A null text (documented, missing from the
      // types) makes the tab fall back to the global badge; '' would hide the global one there.
      const tabs = await chrome.tabs.query({});
      await Promise.all(tabs.map((tab) => (tab.id === undefined ? null : chrome.action.setBadgeText({ tabId: tab.id, text: null as unknown as string }).catch(() => {}))));
    },
  };
}
