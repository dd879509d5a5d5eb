// The toolbar icon, per tab, without touching the page: on a page with something to recommend
// its icon carries a dot and its title names the offer ("Recommend MySQL Enterprise Edition");
// elsewhere the title says nothing here matches. The badge stays the outbox's (problems,
// new conversions, items waiting), shared by all tabs: a match never hides a problem.
import type { SuggestionView } from '../core/messages/views';

/** The part of chrome.action used per tab. */
export interface ToolbarSurface {
  setTitle(details: { tabId: number; title: string }): Promise<void> | void;
  setIcon(details: { tabId: number; path: Record<string, string> }): Promise<unknown> | void;
}

export type Message = (key: string, substitutions?: string[]) => string;

export const ICONS = {
  plain: { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png' },
  match: { 16: 'icons/icon-match-16.png', 32: 'icons/icon-match-32.png' },
} as const;

const FALLBACK: Record<string, (subs: string[]) => string> = {
  toolbarMatch: ([offer]) => `Advocate: recommend ${offer}`,
  toolbarNoMatch: () => 'Advocate: nothing here matches your vendors’ products',
  toolbarPaused: () => 'Advocate: suggestions are paused',
};

export interface ToolbarState {
  title: string;
  icon: keyof typeof ICONS;
}

export function toolbarState(view: SuggestionView | null, paused: boolean, message: Message = () => ''): ToolbarState {
  const say = (key: string, subs: string[] = []) => message(key, subs) || FALLBACK[key]!(subs);
  if (paused) return { title: say('toolbarPaused'), icon: 'plain' };
  if (view?.suggestion) return { title: say('toolbarMatch', [view.suggestion.offerName]), icon: 'match' };
  return { title: say('toolbarNoMatch'), icon: 'plain' };
}

export function createToolbar(surface: ToolbarSurface, message?: Message) {
  return {
    /** Shows the tab's state; a closed tab (or one the browser refuses) is no error. */
    async show(tabId: number, view: SuggestionView | null, paused = false): Promise<ToolbarState> {
      const state = toolbarState(view, paused, message);
      await Promise.all([surface.setTitle({ tabId, title: state.title }), surface.setIcon({ tabId, path: { ...ICONS[state.icon] } })]).catch(() => {});
      return state;
    },
  };
}

export type Toolbar = ReturnType<typeof createToolbar>;
