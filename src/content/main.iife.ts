// Content script, on every http(s) page. Built as one self-contained file (the `.iife.ts` name
// tells @crxjs), so nothing is web-accessible and no page can probe for Advocate.
// It reads the URL and a handful of DOM signals, and tells the worker only when the page
// looks like a project or forum page. It never changes the page.
import type { ContentCommands } from '../background/commands';
import { detectPage } from '../core/detect';
import { CATALOG_HOSTS_KEY, namesAny, type CatalogHosts } from '../core/messages/catalog-hosts';
import { createCommandClient } from '../core/messages/client';
import { insertIntoFocusedField } from './insert';
import { readDomSignals } from './signals';

// Chrome's MV3 `chrome.runtime` returns promises; Firefox has `browser`. No polyfill here (size).
declare const browser: typeof chrome | undefined;
const ext = typeof browser !== 'undefined' ? browser : chrome;
/** Typed from the worker's registry: only the commands a content script may send compile. */
const send = createCommandClient<ContentCommands>((message) => ext.runtime.sendMessage(message));

let lastUrl = '';
/** Whether the worker holds a report of this document's current page (it must hear when that page is gone). */
let reported = false;

async function namedByCatalog(keys: readonly string[]): Promise<boolean> {
  const stored = await ext.storage.local.get(CATALOG_HOSTS_KEY);
  return namesAny(stored[CATALOG_HOSTS_KEY] as CatalogHosts | undefined, keys);
}

async function inspect(): Promise<void> {
  const url = location.href;
  if (url === lastUrl) return;
  lastUrl = url;
  const detection = detectPage(url, readDomSignals(document));
  // An ordinary page ('other') is looked up only when the catalog names its host (a vendor's docs,
  // a mailing-list archive): most pages cost one URL parse, a few querySelector calls and no message.
  const worthReporting = detection.keys.length > 0 && (detection.pageType !== 'other' || (await namedByCatalog(detection.keys)));
  if (url !== lastUrl) return; // navigated again meanwhile; that inspection reports
  if (worthReporting) {
    reported = true;
    await send('page.detected', { url, detection });
  } else if (reported) {
    reported = false;
    await send('page.left');
  }
}

void inspect();

// Single-page sites (GitHub, Discourse, Reddit) change the URL without a page load.
const later = () => setTimeout(() => void inspect(), 300);
addEventListener('popstate', later);
for (const event of ['turbo:load', 'pjax:end', 'page:changed']) document.addEventListener(event, later);
const nav = (globalThis as { navigation?: EventTarget }).navigation;
nav?.addEventListener('navigatesuccess', later);
// Back/forward cache: the page comes back without a load, after the worker forgot it.
window.addEventListener('pageshow', (event) => {
  if (!event.persisted) return;
  lastUrl = '';
  reported = false;
  void inspect();
});

// The worker asks us to insert a referral the practitioner just created from the context menu
// of a reply box. Only our own extension can send this; the text is checked before it is typed.
ext.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  const m = message as { advocate?: unknown; insert?: unknown };
  if (sender.id !== ext.runtime.id || m?.advocate !== 1 || typeof m.insert !== 'string' || m.insert.length > 10_000) return false;
  sendResponse({ inserted: insertIntoFocusedField(document, m.insert) });
  return false;
});
