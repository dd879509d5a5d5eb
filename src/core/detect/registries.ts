// Package registries and container images: one URL shape per registry.
import { type Key, dockerKey, githubOrgKey, packageKey, repoKey } from '../keys';
import { CONFIDENCE } from './confidence';
import type { Detection } from './types';
import { isName, other, result } from './util';

const project = (site: string, keys: Key[]) => result('project', site, keys, CONFIDENCE.urlPattern);

/** npm: /package/name or /package/@scope/name (+ /v/1.2.3). */
export function detectNpm(segs: string[]): Detection {
  if (segs[0] !== 'package') return other('npm');
  // '/package/%40scope%2Fname' also works on npm: re-split after decoding
  const [first, second] = segs.slice(1).join('/').split('/');
  if (first?.startsWith('@')) {
    if (!isName(first.slice(1)) || !isName(second)) return other('npm');
    return project('npm', [packageKey('npm', `${first}/${second}`)]);
  }
  return isName(first) ? project('npm', [packageKey('npm', first)]) : other('npm');
}

/** `/<prefix>/<name>/…` registries: PyPI /project/x, crates.io /crates/x, RubyGems /gems/x, NuGet /packages/X. */
export function singleName(site: string, registry: 'pypi' | 'crates' | 'rubygems' | 'nuget', prefix: string) {
  return (segs: string[]): Detection => {
    const [head, name] = segs;
    if (head?.toLowerCase() !== prefix || !isName(name)) return other(site);
    return project(site, [packageKey(registry, name)]);
  };
}

const DOCS_RS_PAGES = new Set(['releases', 'about', '-', 'search', 'static', 'settings', 'help']);

/** docs.rs: /crate/name/… or /name/version/… documents a crate. */
export function detectDocsRs(segs: string[]): Detection {
  const name = segs[0] === 'crate' ? segs[1] : segs[0];
  if (!name || DOCS_RS_PAGES.has(name) || !isName(name, 64) || name.includes('.')) return other('crates');
  return project('crates', [packageKey('crates', name)]);
}

/** Packagist: /packages/vendor/name. */
export function detectPackagist(segs: string[]): Detection {
  const [head, vendor, name] = segs;
  if (head !== 'packages' || !isName(vendor) || !isName(name)) return other('packagist');
  return project('packagist', [packageKey('packagist', `${vendor}/${name}`)]);
}

const mavenKey = (group: string | undefined, artifact: string | undefined): Key | undefined =>
  isName(group) && isName(artifact) ? packageKey('maven', `${group}:${artifact}`) : undefined;

/** central.sonatype.com, mvnrepository.com and search.maven.org: /artifact/group/artifact[/version]. */
export function detectMaven(segs: string[], hash: string): Detection {
  let key = segs[0] === 'artifact' ? mavenKey(segs[1], segs[2]) : undefined;
  if (!key && hash) {
    // the older search.maven.org single-page app: #artifactdetails|group|artifact|version|jar
    const parts = safeDecode(hash.slice(1)).split('|');
    if (parts[0] === 'artifactdetails') key = mavenKey(parts[1], parts[2]);
  }
  return key ? project('maven', [key]) : other('maven');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Docker Hub: /_/mysql (official), /r/org/name, /layers/org/name/…, /repository/docker/org/name (owner's view). */
export function detectDockerHub(segs: string[]): Detection {
  const [head, a, b] = segs[0] === 'repository' && segs[1] === 'docker' ? ['r', segs[2], segs[3]] : segs;
  let image: string | undefined;
  if (head === '_' && isName(a, 255)) image = `library/${a}`;
  else if ((head === 'r' || head === 'layers') && isName(a, 255) && isName(b, 255)) image = a === '_' ? `library/${b}` : `${a}/${b}`;
  return image ? project('dockerhub', [dockerKey(image)]) : other('dockerhub');
}

const GO_SITE_PAGES = new Set(['search', 'about', 'license-policy', 'badge', 'static', 'third_party', 'styleguide']);
const GO_FORGES = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org']);

/**
 * pkg.go.dev/<import path>[@version]. A package path may be deeper than its module, so every
 * prefix (most specific first) is a candidate go key; forge-hosted paths also name their repository.
 */
export function detectGoDev(segs: string[]): Detection {
  const path = (segs[0] === 'mod' ? segs.slice(1) : segs).slice(0, 8).map((s) => s.replace(/@.*$/, ''));
  const [first] = path;
  if (!first || GO_SITE_PAGES.has(first) || !path.every((s) => isName(s, 255))) return other('go');
  const forge = GO_FORGES.has(first.toLowerCase());
  const min = forge ? 3 : first.includes('.') ? 2 : 1;
  if (path.length < min) return other('go');
  const keys: Key[] = [];
  for (let n = path.length; n >= min; n--) keys.push(packageKey('go', path.slice(0, n).join('/')));
  if (forge) {
    const site = first.toLowerCase().split('.')[0] as 'github' | 'gitlab' | 'bitbucket' | 'codeberg';
    keys.push(repoKey(site, `${path[1]}/${path[2]}`));
    if (site === 'github') keys.push(githubOrgKey(path[1]!));
  }
  return project('go', keys);
}
