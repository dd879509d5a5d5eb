// What a page needs from the browser, behind one interface: the real one wraps
// webextension-polyfill (./browser-env.ts), component tests pass a fake.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PageCommands } from '../background/commands';
import type { SendCommand } from '../core/messages';

export interface ActiveTab {
  id: number;
  url?: string;
}

export interface UiEnv {
  /** The typed command client to the service worker; never rejects. */
  send: SendCommand<PageCommands>;
  /** The tab the popup is about (the active tab of the current window). */
  activeTab(): Promise<ActiveTab | null>;
  openOptionsPage(): void;
  /**
   * Asks for host permissions. Must be called synchronously inside the click handler (a user
   * gesture), before any await.
   */
  requestOrigins(origins: string[]): Promise<boolean>;
  isOnline(): boolean;
  /** Calls back when the browser goes on- or offline; returns the unsubscribe. */
  onOnlineChange(listener: () => void): () => void;
}

export const EnvContext = createContext<UiEnv | null>(null);

export function useEnv(): UiEnv {
  const env = useContext(EnvContext);
  if (!env) throw new Error('UiEnv missing: wrap the page in <EnvContext.Provider>');
  return env;
}
