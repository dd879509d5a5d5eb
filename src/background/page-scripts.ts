// The content script on Advocate's own sites: run by the worker, not declared in the manifest,
// and only in a page whose address (or, for a question, whose tags) is about a catalog product
// (src/core/match/worth-reading.ts) that an enrolled vendor has an offer for. Every other page
// of those sites costs nothing at all, or (a question) one small read of its tags: no script, no
// message. The worker reports matched pages itself, so the popup and toolbar know them. The
// browser gives the worker a tab's address only on the sites it may read (host_permissions) and
// the granted ones; granted sites have a registered content script of their own (./sites.ts),
// and the worker makes sure it ran.
import * as v from 'valibot';
import { domSaysMore, matchWithSignals, worthReading, type Matched } from '../core/match/worth-reading';
import { DomSignalsSchema } from '../core/messages/detection';
import { patternMatchesUrl } from '../core/sites/match-pattern';
import { forgetPage, reportPage, withPageWords } from './pages';
import type { Services } from './services';
import { offerFor } from './suggestions';

type Tab = { id?: number; url?: string; title?: string };

/**
 * After a page load, or a single-page move to a new address: on Advocate's sites, the worker
 * reports a page that may match itself (the popup and the toolbar know it at once) and runs the
 * content script only where an enrolled vendor has an offer for it, since only then can the page
 * show or insert anything. True when it ran.
 */
export async function runContentScriptIfWorth(s: Services, tabId: number, url: string | undefined, title?: string): Promise<boolean> {
  if (!url) return false;
  // A granted site has its registered script; but a page that loaded while the browser had
  // dropped the registration (a restart or update, before the worker registered it again) has
  // none, so the worker checks and runs it there.
  if ((await s.sites.list()).some((site) => patternMatchesUrl(site.pattern, url))) return !(await s.tabAccess.hasContentScript(tabId)) && s.tabAccess.injectContentScript(tabId);
  if (!s.declaredMatches.some((pattern) => patternMatchesUrl(pattern, url))) return false;
  // A report of an earlier address of this document is stale (Firefox fires no 'loading' for pushState).
  const known = await s.tabs.recall(tabId);
  if (known && known.url !== url) await forgetPage(s, tabId);
  const index = await s.catalogs.get();
  const reading = worthReading(url, index, title);
  if (reading.worth === 'no') return false;
  let found: Matched | null = reading.worth === 'script' ? reading : null;
  // The page's signals, read with the small signal reader rather than the whole script.
  const withSignals = async () => {
    const read = await s.tabAccess.readPage(tabId);
    const signals = v.safeParse(DomSignalsSchema, read?.signals);
    return signals.success ? matchWithSignals(url, signals.output, index) : null;
  };
  if (reading.worth === 'signals') found = await withSignals(); // a question: its tags decide
  if (!found) return false;
  const offered = await offerFor(s, found.match, url);
  // Read only where the page will show something: its software decides the reply box.
  if (offered && domSaysMore(found.detection)) found = (await withSignals()) ?? found;
  const view = await reportPage(s, tabId, url, found.detection, found.match);
  if (!offered) return false;
  // With the answer, so the page need not ask; a page that has the script already only gets the answer.
  return s.tabAccess.injectContentScript(tabId, { url, view: withPageWords(view) });
}

/** The moments to decide: a page finished loading, or a loaded page changed its address (pushState). */
export function isDecisionMoment(changeInfo: { status?: string; url?: string }, tab: { status?: string }): boolean {
  return changeInfo.status === 'complete' || (changeInfo.url !== undefined && tab.status === 'complete');
}

/**
 * At every worker start (after the granted sites are registered again): the loaded tabs whose
 * page it has no report of. A page that finished loading while no worker listened (the browser
 * starting with restored tabs, the extension just installed or updated) gets the script too,
 * by the same rules as a page that loads now.
 */
export async function runContentScriptsInOpenTabs(s: Services, open: readonly Tab[]): Promise<number> {
  let ran = 0;
  for (const tab of open) {
    if (tab.id === undefined || !tab.url || (await s.tabs.recall(tab.id))) continue;
    if (await runContentScriptIfWorth(s, tab.id, tab.url, tab.title)) ran++;
  }
  return ran;
}
