// A minimal fake of the chrome.* APIs the service worker uses, plus navigator.locks and the
// worker's `self`, so the real entry (src/background/index.ts) can be loaded in Node.
import { afterAll, beforeAll, vi } from 'vitest';

type Listener = (...args: any[]) => unknown;

class FakeEvent {
  readonly listeners: Listener[] = [];
  addListener(listener: Listener) {
    this.listeners.push(listener);
  }
  emit(...args: unknown[]) {
    return this.listeners.map((l) => l(...args));
  }
}

export const FAKE_EXTENSION_ID = 'fakeextensionidfakeextensionidzz';

export function installFakeChrome() {
  const session = new Map<string, unknown>();
  const badge = { text: '', color: '' };
  const alarms = new Map<string, { periodInMinutes?: number; delayInMinutes?: number }>();
  const chrome = {
    runtime: {
      id: FAKE_EXTENSION_ID,
      getURL: (path: string) => `chrome-extension://${FAKE_EXTENSION_ID}/${path.replace(/^\//, '')}`,
      getManifest: () => ({
        version: '0.1.0',
        action: { default_popup: 'src/popup/index.html' },
        options_ui: { page: 'src/options/index.html' },
        host_permissions: ['https://github.com/*'],
      }),
      onMessage: new FakeEvent(),
      onStartup: new FakeEvent(),
      onInstalled: new FakeEvent(),
    },
    alarms: {
      create: vi.fn(async (name: string, info: { periodInMinutes?: number; delayInMinutes?: number }) => void alarms.set(name, info)),
      get: async (name: string) => (alarms.has(name) ? { name, ...alarms.get(name) } : undefined),
      onAlarm: new FakeEvent(),
    },
    tabs: { onRemoved: new FakeEvent(), onUpdated: new FakeEvent(), get: vi.fn(async (id: number) => ({ id })), query: vi.fn(async () => []), create: vi.fn(async () => ({})) },
    contextMenus: {
      removeAll: vi.fn((done: () => void) => done()),
      create: vi.fn(),
      update: vi.fn((_id: string, _props: unknown, done?: () => void) => done?.()),
      onClicked: new FakeEvent(),
    },
    scripting: {
      registered: [] as { id: string; matches: string[] }[],
      getRegisteredContentScripts: vi.fn(async () => chrome.scripting.registered),
      registerContentScripts: vi.fn(async (scripts: { id: string; matches: string[] }[]) => void chrome.scripting.registered.push(...scripts)),
      unregisterContentScripts: vi.fn(async () => void (chrome.scripting.registered = [])),
      executeScript: vi.fn(async () => [{ result: {} }]),
    },
    permissions: {
      contains: vi.fn(async () => false),
      getAll: vi.fn(async () => ({ origins: [] as string[] })),
      remove: vi.fn(async () => true),
      onRemoved: new FakeEvent(),
    },
    i18n: { getMessage: () => '' },
    storage: {
      local: {
        items: new Map<string, unknown>(),
        get: async (key: string) => ({ [key]: chrome.storage.local.items.get(key) }),
        set: vi.fn(async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => chrome.storage.local.items.set(k, structuredClone(v)))),
        remove: vi.fn(async (keys: string | string[]) => void [keys].flat().forEach((k) => chrome.storage.local.items.delete(k))),
      },
      session: {
        get: async (key: string | null) => (key === null ? Object.fromEntries(session) : session.has(key) ? { [key]: session.get(key) } : {}),
        set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => session.set(k, structuredClone(v))),
        remove: async (key: string) => void session.delete(key),
      },
    },
    action: {
      setBadgeText: vi.fn(async ({ text }: { text: string }) => void (badge.text = text)),
      openPopup: vi.fn(async () => {}),
      setBadgeBackgroundColor: vi.fn(async ({ color }: { color: string }) => void (badge.color = color)),
      setTitle: vi.fn(async () => {}),
      setIcon: vi.fn(async () => {}),
    },
  };

  // navigator.locks.request(name, callback), exclusive and waiting, in memory.
  const tails = new Map<string, Promise<unknown>>();
  const locks = {
    requests: 0,
    request: (name: string, callback: (lock: { name: string }) => Promise<unknown>) => {
      locks.requests++;
      const turn = (tails.get(name) ?? Promise.resolve()).then(() => callback({ name }));
      tails.set(name, turn.catch(() => {}));
      return turn;
    },
  };
  const self = new EventTarget();
  vi.stubGlobal('chrome', chrome);
  vi.stubGlobal('navigator', { locks });
  vi.stubGlobal('self', self);
  return { chrome, session, badge, alarms, self, locks };
}

/**
 * For a file that loads the worker entry: its second start-up scan is a 2 s timer, faked here
 * (advancing with real time) so the one still pending when the file ends is dropped, not fired
 * into the next file of this process (the unit project shares one: isolate false).
 */
export function dropEntryTimersAfterFile(): void {
  beforeAll(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true }));
  afterAll(() => {
    vi.clearAllTimers();
    vi.useRealTimers();
  });
}

/** Sends a message the way Chrome delivers it: listener(message, sender, sendResponse). */
export function deliver(chrome: ReturnType<typeof installFakeChrome>['chrome'], message: unknown, sender: chrome.runtime.MessageSender) {
  return new Promise<{ returned: unknown; response?: unknown }>((resolve) => {
    let returned: unknown;
    const sendResponse = (response: unknown) => resolve({ returned, response });
    [returned] = chrome.runtime.onMessage.emit(message, sender, sendResponse);
    if (returned !== true) resolve({ returned });
  });
}
