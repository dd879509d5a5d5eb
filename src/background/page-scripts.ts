// The content script on Advocate's own sites: run by the worker, not declared in the manifest,
// and only in a page whose address may be about a catalog product (src/core/match/worth-reading.ts).
// Every other page of those sites costs nothing at all: no script, no message, no main-thread
// time. The browser gives the worker a tab's address only on the sites it may read
// (host_permissions); granted sites have a registered content script of their own (./sites.ts).
import { worthReading } from '../core/match/worth-reading';
import { patternMatchesUrl } from '../core/sites/match-pattern';
import type { Services } from './services';

type Needs = Pick<Services, 'catalogs' | 'declaredMatches' | 'tabAccess'>;
type Tab = { id?: number; url?: string };

/** After a page load, or a single-page move to a new address: runs the content script when worth it; true when it ran. */
export async function runContentScriptIfWorth(s: Needs, tabId: number, url: string | undefined): Promise<boolean> {
  if (!url || !s.declaredMatches.some((pattern) => patternMatchesUrl(pattern, url))) return false;
  if (!worthReading(url, await s.catalogs.get())) return false;
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
 * starting with restored tabs, the extension just installed or updated) gets the script too: on
 * Advocate's sites where worth it, on a granted site always (as its registered script would).
 * A page that already has it only looks again.
 */
export async function runContentScriptsInOpenTabs(s: Needs & Pick<Services, 'tabs' | 'sites'>, open: readonly Tab[]): Promise<number> {
  const granted = (await s.sites.list()).map((site) => site.pattern);
  let ran = 0;
  for (const tab of open) {
    if (tab.id === undefined || !tab.url || (await s.tabs.recall(tab.id))) continue;
    const url = tab.url;
    const run = granted.some((pattern) => patternMatchesUrl(pattern, url)) ? await s.tabAccess.injectContentScript(tab.id) : await runContentScriptIfWorth(s, tab.id, url);
    if (run) ran++;
  }
  return ran;
}
