// How catalog authors write signals, and how those strings split into the parts the key
// builders in ../keys.ts need. Shared by the schema (to reject bad input) and the compiler
// (to build keys), so the two never disagree on what a valid entry is. Host names follow the
// one rule in ../schema (lower-case DNS names).

import { isDomainName, parseWebUrl } from '../schema';

export type RepositorySite = 'github' | 'gitlab' | 'codeberg' | 'bitbucket';

const REPOSITORY_HOSTS: Record<string, RepositorySite> = {
  'github.com': 'github',
  'gitlab.com': 'gitlab',
  'codeberg.org': 'codeberg',
  'bitbucket.org': 'bitbucket',
};

const SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** `https://github.com/mysql/mysql-server` -> { site: 'github', path: 'mysql/mysql-server' }, else null. */
export function parseRepositoryUrl(url: string): { site: RepositorySite; path: string } | null {
  const parsed = parseHttpsUrl(url);
  if (!parsed || parsed.search || parsed.hash || parsed.username || parsed.port) return null;
  const site = REPOSITORY_HOSTS[parsed.hostname];
  if (!site) return null;
  const segments = parsed.pathname.replace(/\/+$/, '').split('/').slice(1);
  if (!segments.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..')) return null;
  // GitLab allows nested groups (group/sub/project); the others are exactly owner/repo.
  const ok = site === 'gitlab' ? segments.length >= 2 : segments.length === 2;
  return ok ? { site, path: segments.join('/') } : null;
}

/** An https URL on a public DNS name (no IP literals), else null. */
export function parseHttpsUrl(url: string): URL | null {
  const parsed = parseWebUrl(url);
  return parsed?.protocol === 'https:' && isDomainName(parsed.hostname) ? parsed : null;
}

/** `discuss.elastic.co` -> { host }, `www.postgresql.org/docs` -> { host, segment }, else null. */
export function parseHostOrPath(entry: string): { host: string; segment?: string } | null {
  const slash = entry.indexOf('/');
  const host = slash === -1 ? entry : entry.slice(0, slash);
  if (!isDomainName(host)) return null;
  if (slash === -1) return { host };
  const segment = entry.slice(slash + 1);
  return SEGMENT.test(segment) ? { host, segment } : null;
}
