// The content script on Advocate's own sites: run by the worker, not declared in the manifest,
// and only in a page whose address (or, for a question, whose tags) may be about a catalog
// product (src/core/match/worth-reading.ts).
// Every other page of those sites costs nothing at all: no script, no message, no main-thread
// time. The browser gives the worker a tab's address only on the sites it may read
// (host_permissions) and the granted ones; granted sites have a registered content script of
// their own (./sites.ts), and the worker makes sure it ran.
import * as v from 'valibot';
import { matchesWithSignals, worthReading } from '../core/match/worth-reading';
import { DomSignalsSchema } from '../core/messages/detection';
import { patternMatchesUrl } from '../core/sites/match-pattern';
import type { Services } from './services';

type Needs = Pick<Services, 'catalogs' | 'declaredMatches' | 'tabAccess' | 'sites'>;
type Tab = { id?: number; url?: string };

/** After a page load, or a single-page move to a new address: runs the content script when worth it; true when it ran. */
export async function runContentScriptIfWorth(s: Needs, tabId: number, url: string | undefined): Promise<boolean> {
  if (!url) return false;
  // A granted site has its registered script; but a page that loaded while the browser had
  // dropped the registration (a restart or update, before the worker registered it again) has
  // none, so the worker checks and runs it there.
  if ((await s.sites.list()).some((site) => patternMatchesUrl(site.pattern, url))) return !(await s.tabAccess.hasContentScript(tabId)) && s.tabAccess.injectContentScript(tabId);
  if (!s.declaredMatches.some((pattern) => patternMatchesUrl(pattern, url))) return false;
  const index = await s.catalogs.get();
  const worth = worthReading(url, index);
  if (worth === 'no') return false;
  if (worth === 'signals') {
    // A question: its tags decide, read with the small signal reader rather than the whole script.
    const read = await s.tabAccess.readPage(tabId);
    const signals = v.safeParse(DomSignalsSchema, read?.signals);
    if (!signals.success || !matchesWithSignals(url, signals.output, index)) return false;
  }
  // A page that has it already only looks at its address again (src/content/main.iife.ts).
  return s.tabAccess.injectContentScript(tabId);
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
export async function runContentScriptsInOpenTabs(s: Needs & Pick<Services, 'tabs'>, open: readonly Tab[]): Promise<number> {
  let ran = 0;
  for (const tab of open) {
    if (tab.id === undefined || !tab.url || (await s.tabs.recall(tab.id))) continue;
    if (await runContentScriptIfWorth(s, tab.id, tab.url)) ran++;
  }
  return ran;
}
