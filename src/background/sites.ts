// Sites the practitioner asked suggestions on ("Suggest on this site" in the popup): for each,
// the browser granted an optional host permission for one https host, and together they form
// one content script registered with the browser. The list is kept in storage.local, and the
// registration follows it: the browser drops registered scripts when the extension is updated
// (or reloaded), so every start registers the list again. The permission is the right: a site
// whose permission was withdrawn (in the browser's own settings) is dropped at the next start.
import type { GrantedSiteView } from '../core/messages/views';
import { hostOfSitePattern, sitePattern } from '../core/sites/match-pattern';

export const GRANTED_SCRIPT_ID = 'advocate-granted-sites';
export const GRANTED_SITES_KEY = 'advocate:granted-sites';

/** The parts of chrome.scripting, chrome.permissions and storage.local used here; tests pass a fake. */
export interface SiteSurface {
  registeredMatches(): Promise<string[]>;
  /** Replaces the registered script with one for these matches (none: unregisters it). */
  setMatches(matches: string[]): Promise<void>;
  /** The saved list; undefined when none was ever saved (or all local data was deleted). */
  savedMatches(): Promise<string[] | undefined>;
  saveMatches(matches: string[]): Promise<void>;
  hasOrigin(pattern: string): Promise<boolean>;
  grantedOrigins(): Promise<string[]>;
  removeOrigin(pattern: string): Promise<void>;
}

export class GrantedSites {
  /** `onChange` hears the granted patterns after each change (the context menu follows them). */
  constructor(
    private readonly surface: SiteSurface,
    private readonly onChange: (patterns: string[]) => void = () => {},
  ) {}

  async list(): Promise<GrantedSiteView[]> {
    return (await this.current()).flatMap((pattern) => {
      const host = hostOfSitePattern(pattern);
      return host ? [{ host, pattern }] : [];
    });
  }

  /** After the popup's permission request succeeded: registers the site. False when the browser did not grant it. */
  async grant(host: string): Promise<boolean> {
    const pattern = sitePattern(host);
    if (!(await this.surface.hasOrigin(pattern))) return false;
    const current = await this.current();
    if (!current.includes(pattern)) await this.write([...current, pattern]);
    return true;
  }

  /** Unregisters the site and gives its permission back, unless `keep` (a vendor endpoint) still needs it. */
  async remove(host: string, keep: ReadonlySet<string>): Promise<boolean> {
    const pattern = sitePattern(host);
    const current = await this.current();
    if (!current.includes(pattern)) return false;
    await this.write(current.filter((p) => p !== pattern));
    if (!keep.has(pattern)) await this.surface.removeOrigin(pattern).catch(() => {});
    return true;
  }

  /**
   * Registers the saved sites whose permission is still granted, dropping the others; run at
   * every start and when a permission is removed.
   */
  async reconcile(): Promise<void> {
    const [current, registered, granted] = await Promise.all([this.current(), this.surface.registeredMatches(), this.surface.grantedOrigins()]);
    const allowed = new Set(granted);
    const kept = current.filter((p) => allowed.has(p));
    if (kept.join('\n') !== current.join('\n') || kept.join('\n') !== registered.join('\n')) await this.write(kept);
    else this.onChange(kept);
  }

  /** The saved list; before one was saved (or after local data was deleted), the registration itself. */
  private async current(): Promise<string[]> {
    return (await this.surface.savedMatches()) ?? (await this.surface.registeredMatches());
  }

  private async write(matches: string[]): Promise<void> {
    await this.surface.saveMatches(matches);
    await this.surface.setMatches(matches);
    this.onChange(matches);
  }
}

export function chromeSiteSurface(contentScriptFile: string): SiteSurface {
  const registered = async () => (await chrome.scripting.getRegisteredContentScripts({ ids: [GRANTED_SCRIPT_ID] }))[0];
  return {
    registeredMatches: async () => (await registered())?.matches ?? [],
    async setMatches(matches) {
      if (await registered()) await chrome.scripting.unregisterContentScripts({ ids: [GRANTED_SCRIPT_ID] });
      if (matches.length === 0) return;
      await chrome.scripting.registerContentScripts([{ id: GRANTED_SCRIPT_ID, matches, js: [contentScriptFile], runAt: 'document_idle', persistAcrossSessions: true }]);
    },
    async savedMatches() {
      const saved = (await chrome.storage.local.get(GRANTED_SITES_KEY))[GRANTED_SITES_KEY];
      return Array.isArray(saved) ? saved.filter((p): p is string => typeof p === 'string' && hostOfSitePattern(p) !== null) : undefined;
    },
    // No sites, no key: "delete all my data" leaves storage.local empty.
    saveMatches: (matches) => (matches.length ? chrome.storage.local.set({ [GRANTED_SITES_KEY]: matches }) : chrome.storage.local.remove(GRANTED_SITES_KEY)),
    hasOrigin: (pattern) => chrome.permissions.contains({ origins: [pattern] }),
    grantedOrigins: async () => (await chrome.permissions.getAll()).origins ?? [],
    removeOrigin: async (pattern) => void (await chrome.permissions.remove({ origins: [pattern] })),
  };
}
