// What counts as a broad match pattern or host permission: one that is not about one named site.
// A named site's own subdomains (`https://*.stackexchange.com/*`) are one site; a wildcard over a
// public suffix (`*.com`, `*.co.uk`, `*.github.io`) or over every host is not. Used by the unit
// test of the manifest the build makes and by the browser test of the one it wrote to dist/.
import { getDomain, getPublicSuffix } from 'tldts';
import { parseMatchPattern } from '../../../src/core/sites/match-pattern';

export function isBroadPattern(pattern: string): boolean {
  const p = parseMatchPattern(pattern);
  if (!p) return true; // not a pattern we can vouch for
  if (p.scheme === '*' || p.host === '*') return true;
  const host = p.host.replace(/^\*\./, '');
  const wildcard = p.host.startsWith('*.');
  if (getPublicSuffix(host, { allowPrivateDomains: true }) === host) return true;
  return wildcard && getDomain(host, { allowPrivateDomains: true }) === null;
}

type ManifestLike = { content_scripts?: { matches?: string[] }[]; host_permissions?: string[]; permissions?: string[] };

/** The required patterns of a manifest (content-script matches, host permissions) that are broad. */
export function broadRequiredPatterns(manifest: ManifestLike): string[] {
  const required = [...(manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []), ...(manifest.host_permissions ?? []), ...(manifest.permissions ?? []).filter((p) => p.includes(':') || p === '<all_urls>')];
  return required.filter(isBroadPattern);
}
