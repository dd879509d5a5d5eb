// The content script's file, before and after the build. The shipped manifest declares no
// content script (the worker runs it, src/background/page-scripts.ts); the build has crx bundle
// it as a declared one and takes the declaration out again (scripts/browser-builds.ts).
// No imports but types: vite.config.ts loads this.
import type { PageAnswer } from '../core/messages/views';

export const CONTENT_SCRIPT_SOURCE = 'src/content/main.iife.ts';
export const CONTENT_SCRIPT_FILE = 'src/content/main.iife.js';
/**
 * Where the script's first run in a document leaves its handle, in the extension's isolated world
 * (the page cannot see it). The worker calls it with `scripting.executeScript({ func })`, so the
 * page's script never listens for runtime messages (src/background/tab-access.ts).
 */
export const CONTENT_SCRIPT_MARK = '__advocateInspect';
/** Where the worker leaves its answer for the page just before it runs the script there. */
export const HANDED_ANSWER = '__advocateAnswer';

export interface ContentScriptHandle {
  /** Looks at the page's address again; `answer`: the worker's, when it has one for that address. */
  inspect(answer?: PageAnswer): void;
  /** The context menu's "Insert a referral link": the preview on the focused box; false when nothing opened. */
  openReply(): boolean;
}
