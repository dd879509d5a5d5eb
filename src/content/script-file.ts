// The content script's file, before and after the build. The shipped manifest declares no
// content script (the worker runs it, src/background/page-scripts.ts); the build has crx bundle
// it as a declared one and takes the declaration out again (scripts/browser-builds.ts).
// No imports: vite.config.ts loads this.
export const CONTENT_SCRIPT_SOURCE = 'src/content/main.iife.ts';
export const CONTENT_SCRIPT_FILE = 'src/content/main.iife.js';
/** Set in the extension's isolated world (the page cannot see it) by the script's first run in a document. */
export const CONTENT_SCRIPT_MARK = '__advocateInspect';
