// Content script. On the sites Advocate knows (manifest.json, the catalog's sites) the worker
// runs it in a page about a catalog product an enrolled vendor offers (src/background/page-scripts.ts),
// again after a single-page move to such a page; on sites the practitioner granted it is registered.
// Built as one self-contained file (the `.iife.ts` name tells @crxjs), so nothing is
// web-accessible and no page can probe for Advocate.
// Small, since every byte is parsed in the page. Where the worker ran it, it hands the script its
// answer for the page, so a page load sends no message and touches no extension API before a
// click (making the API bindings costs the page's main thread). Elsewhere (a granted site's
// registered script, a single-page move the worker has not seen) it reads the page's few signals
// and sends them with its address; the worker detects and matches (the detector stays there).
// Nothing appears in the page unless the worker answers with an offer of a vendor the
// practitioner is enrolled with; nothing is inserted without their click.
import type { ContentCommands } from '../background/commands';
import { createCommandClient } from '../core/messages/client';
import type { PageAnswer, SuggestionView } from '../core/messages/views';
import { showCard } from './card';
import { CONTENT_SCRIPT_MARK, HANDED_ANSWER, type ContentScriptHandle } from './script-file';
import { focusedEditable } from './insert';
import { openPreview, watchReplyBoxes } from './reply';
import { readDomSignals } from './signals';
import { ext, say, useWords } from './ui';

/** Typed from the worker's registry: only the commands a content script may send compile. */
const send = createCommandClient<ContentCommands>((message) => ext().runtime.sendMessage(message), say);

let lastUrl = '';
/** Everything of the current page (listeners, the suggestion, the reply button) ends with it. */
let page = new AbortController();
let view: SuggestionView | null = null;

function show(answer: SuggestionView, signal: AbortSignal): void {
  view = answer;
  useWords(answer.words);
  if (!answer.suggestion || !answer.inPage) return;
  const offer = answer.suggestion;
  // After the page is idle, so it never competes with the page's own work.
  const idle = requestIdleCallback(() => showCard(offer, send, signal), { timeout: 2000 });
  signal.addEventListener('abort', () => cancelIdleCallback(idle), { once: true });
  if (answer.reply) watchReplyBoxes(answer.reply, send, signal);
}

async function inspect(handed?: PageAnswer): Promise<void> {
  const url = location.href;
  if (url === lastUrl) return; // at most once per distinct URL
  lastUrl = url;
  page.abort();
  page = new AbortController();
  view = null;
  const { signal } = page;
  if (handed?.url === url) return show(handed.view, signal);
  // The worker also forgets the tab's earlier page when this one is about nothing.
  const answer = await send('page.detected', { url, signals: readDomSignals(document) });
  if (answer.ok && !signal.aborted) show(answer.value, signal);
}

// The context menu's "Insert a referral link" on a reply box: the same preview as the button,
// which does nothing without a further click. Only the worker can call it (tab-access.ts).
function openReply(): boolean {
  const anchor = document.activeElement;
  if (!view || !anchor) return false;
  openPreview(send, focusedEditable(document), anchor, page.signal);
  return true;
}

function start(handed: PageAnswer | undefined): void {
  world[RUNNING] = { inspect: (answer) => void inspect(answer), openReply };
  void inspect(handed);
  listenForNavigations();
}

// Single-page sites (GitHub's Turbo and React views, Discourse, Reddit) change the URL without a
// page load; each of these may fire for one navigation, and inspect() runs once per URL. One
// timer at a time, restarted by each event: a page flooding history changes gets one report
// once it stops, not one per URL (each cost the worker and the browser work for that tab).
let pending: ReturnType<typeof setTimeout> | undefined;
const later = () => {
  clearTimeout(pending);
  pending = setTimeout(() => void inspect(), 300);
};
function listenForNavigations(): void {
  addEventListener('popstate', later);
  for (const event of ['turbo:load', 'turbo:render', 'pjax:end', 'page:changed']) document.addEventListener(event, later);
  (globalThis as { navigation?: EventTarget }).navigation?.addEventListener('navigatesuccess', later);
  // Back/forward cache: the page comes back without a load, after the worker forgot it.
  addEventListener('pageshow', (event: PageTransitionEvent) => {
    if (!event.persisted) return;
    lastUrl = '';
    void inspect();
  });
}

// Last, so everything above is defined when it runs.
const RUNNING = CONTENT_SCRIPT_MARK;
const world = globalThis as { [RUNNING]?: ContentScriptHandle; [HANDED_ANSWER]?: PageAnswer };
const handed = world[HANDED_ANSWER];
delete world[HANDED_ANSWER];
const running = world[RUNNING];
// Run again in the same page: the first run looks at the new address.
if (typeof running?.inspect === 'function') running.inspect(handed);
else start(handed);
