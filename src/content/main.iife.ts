// Content script, on every http(s) page. Built as one self-contained file (the `.iife.ts` name
// tells @crxjs), so nothing is web-accessible and no page can probe for Advocate.
// It reads the URL and a handful of DOM signals, and tells the worker only when the page
// looks like a project or forum page. It never changes the page.
import { detectPage } from '../core/detect';
import { createCommandClient } from '../core/messages/client';
import { insertIntoFocusedField } from './insert';
import { readDomSignals } from './signals';

// Chrome's MV3 `chrome.runtime` returns promises; Firefox has `browser`. No polyfill here (size).
declare const browser: typeof chrome | undefined;
const ext = typeof browser !== 'undefined' ? browser : chrome;
const send = createCommandClient((message) => ext.runtime.sendMessage(message));

/** storage.local entry where the worker keeps the catalog's host and path keys as `{ key: 1 }` (public data). */
const CATALOG_HOSTS_KEY = 'advocate:catalog-hosts';

let lastUrl = '';

async function namedByCatalog(keys: readonly string[]): Promise<boolean> {
  const stored = await ext.storage.local.get(CATALOG_HOSTS_KEY);
  const hosts = stored[CATALOG_HOSTS_KEY] as Record<string, 1> | undefined;
  return hosts !== undefined && keys.some((key) => hosts[key] === 1);
}

async function inspect(): Promise<void> {
  const url = location.href;
  if (url === lastUrl) return;
  lastUrl = url;
  const detection = detectPage(url, readDomSignals(document));
  if (detection.keys.length === 0) return;
  // An ordinary page ('other') is looked up only when the catalog names its host (a vendor's docs,
  // a mailing-list archive): most pages cost one URL parse, a few querySelector calls and no message.
  if (detection.pageType === 'other' && !(await namedByCatalog(detection.keys))) return;
  await send('page.detected', { url, detection });
}

void inspect();

// Single-page sites (GitHub, Discourse, Reddit) change the URL without a page load.
const later = () => setTimeout(() => void inspect(), 300);
addEventListener('popstate', later);
for (const event of ['turbo:load', 'pjax:end', 'page:changed']) document.addEventListener(event, later);
const nav = (globalThis as { navigation?: EventTarget }).navigation;
nav?.addEventListener('navigatesuccess', later);

// The worker asks us to insert a referral the practitioner just created from the context menu
// of a reply box. Only our own extension can send this; the text is checked before it is typed.
ext.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  const m = message as { advocate?: unknown; insert?: unknown };
  if (sender.id !== ext.runtime.id || m?.advocate !== 1 || typeof m.insert !== 'string' || m.insert.length > 10_000) return false;
  sendResponse({ inserted: insertIntoFocusedField(document, m.insert) });
  return false;
});
