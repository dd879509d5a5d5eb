// Match patterns as the browsers spell them (`https://github.com/*`, `https://*.reddit.com/*`):
// the manifest's content-script matches, the sites a practitioner grants, and the checks that
// keep every pattern to one named site. Pure: runs in the worker, the build and tests alike.

export interface MatchPattern {
  scheme: 'https' | 'http' | '*';
  /** `*`, `*.example.com` (the host and its subdomains) or an exact host. */
  host: string;
  /** Starts with `/`; `*` matches any run of characters. */
  path: string;
}

const PATTERN = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*:]+)(\/.*)$/;

export function parseMatchPattern(text: string): MatchPattern | null {
  if (text === '<all_urls>') return { scheme: '*', host: '*', path: '/*' };
  const m = PATTERN.exec(text);
  if (!m) return null;
  return { scheme: m[1] as MatchPattern['scheme'], host: m[2]!.toLowerCase(), path: m[3]! };
}

const globToRegExp = (glob: string) => new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

function hostMatches(patternHost: string, host: string): boolean {
  if (patternHost === '*') return true;
  if (patternHost.startsWith('*.')) {
    const base = patternHost.slice(2);
    return host === base || host.endsWith(`.${base}`);
  }
  return host === patternHost;
}

/** Whether the browser would run a script declared for `pattern` on `url`. */
export function patternMatchesUrl(pattern: string, url: string): boolean {
  const p = parseMatchPattern(pattern);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (!p || (u.protocol !== 'https:' && u.protocol !== 'http:')) return false;
  if (p.scheme !== '*' && `${p.scheme}:` !== u.protocol) return false;
  return hostMatches(p.host, u.hostname) && globToRegExp(p.path).test(u.pathname + u.search);
}

/** Every URL `inner` matches, `outer` matches too (used to drop patterns another one covers). */
export function patternCovers(outer: string, inner: string): boolean {
  const a = parseMatchPattern(outer);
  const b = parseMatchPattern(inner);
  if (!a || !b) return false;
  if (a.scheme !== '*' && a.scheme !== b.scheme) return false;
  const hostCovered = b.host.startsWith('*.') || b.host === '*' ? a.host === '*' || (a.host.startsWith('*.') && hostMatches(a.host, b.host.replace(/^\*\./, ''))) : hostMatches(a.host, b.host);
  // A path glob covers another when it is a prefix glob of it (`/*` covers all, `/docs*` covers `/docs/*`).
  const pathCovered = a.path === b.path || (a.path.endsWith('*') && !a.path.slice(0, -1).includes('*') && b.path.startsWith(a.path.slice(0, -1)));
  return hostCovered && pathCovered;
}

/** The pattern that names exactly one https site, as "Suggest on this site" grants it. */
export const sitePattern = (host: string) => `https://${host}/*`;

/** The host of a one-site pattern made by sitePattern, or null for anything else. */
export function hostOfSitePattern(pattern: string): string | null {
  const p = parseMatchPattern(pattern);
  return p && p.scheme === 'https' && p.path === '/*' && !p.host.includes('*') ? p.host : null;
}
