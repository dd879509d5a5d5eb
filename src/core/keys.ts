// The one place that spells catalog/detection keys. Detection emits these keys from pages,
// the catalog compiles product signals into the same keys; both sides must normalise alike,
// so every key is built here and nowhere else.

export type KeyKind =
  | 'github' // github:owner/repo
  | 'github-org' // github-org:owner (an organisation: its discussions, its profile)
  | 'gitlab' // gitlab:group/sub/project
  | 'codeberg' // codeberg:owner/repo
  | 'bitbucket' // bitbucket:workspace/repo
  | 'npm' // npm:@scope/name
  | 'pypi' // pypi:name (PEP 503)
  | 'maven' // maven:group:artifact
  | 'go' // go:module/path
  | 'crates' // crates:name
  | 'rubygems' // rubygems:name
  | 'packagist' // packagist:vendor/name
  | 'nuget' // nuget:name
  | 'docker' // docker:library/mysql, docker:bitnami/redis
  | 'host' // host:discuss.elastic.co (no leading www.)
  | 'path' // path:www.postgresql.org/docs (host + first path segment)
  | 'so-tag' // so-tag:stackoverflow.com:mysql
  | 'subreddit'; // subreddit:postgresql

export type Key = `${KeyKind}:${string}`;

const lower = (s: string) => s.trim().toLowerCase();

/** Strip a leading `www.` and a trailing dot; hosts are case-insensitive. */
export function normaliseHost(host: string): string {
  return lower(host).replace(/\.$/, '').replace(/^www\./, '');
}

export const repoKey = (site: 'github' | 'gitlab' | 'codeberg' | 'bitbucket', path: string): Key =>
  `${site}:${lower(path).replace(/^\/+|\/+$/g, '').replace(/\.git$/, '')}`;

export const githubOrgKey = (owner: string): Key => `github-org:${lower(owner)}`;

/** PEP 503: runs of `-`, `_`, `.` become one `-`, lower-cased. */
export const pypiName = (name: string) => lower(name).replace(/[-_.]+/g, '-');

export function packageKey(
  registry: 'npm' | 'pypi' | 'maven' | 'go' | 'crates' | 'rubygems' | 'packagist' | 'nuget',
  name: string,
): Key {
  switch (registry) {
    case 'pypi':
      return `pypi:${pypiName(name)}`;
    case 'crates': // crates.io treats - and _ as the same name
      return `crates:${lower(name).replace(/_/g, '-')}`;
    case 'go': // module paths are case-sensitive, but hosting sites are not; lower-case is safe in practice
      return `go:${lower(name).replace(/\/+$/, '')}`;
    default:
      return `${registry}:${lower(name)}`;
  }
}

/** Docker Hub: official images (`_/mysql`, `mysql`) live under `library/`. */
export function dockerKey(image: string): Key {
  let name = lower(image).replace(/^docker\.io\//, '').replace(/:[^/]*$/, '');
  if (name.startsWith('_/')) name = `library/${name.slice(2)}`;
  if (!name.includes('/')) name = `library/${name}`;
  return `docker:${name}`;
}

export const hostKey = (host: string): Key => `host:${normaliseHost(host)}`;

/** A host plus its first path segment, for catalog entries such as `www.postgresql.org/docs`. */
export const pathKey = (host: string, firstSegment: string): Key =>
  `path:${normaliseHost(host)}/${lower(firstSegment)}`;

/** Stack Exchange tags are lower-case; the site is its host (stackoverflow.com, dba.stackexchange.com). */
export const soTagKey = (siteHost: string, tag: string): Key =>
  `so-tag:${normaliseHost(siteHost)}:${lower(tag)}`;

export const subredditKey = (name: string): Key => `subreddit:${lower(name).replace(/^\/?r\//, '')}`;
