// Page detection: URL (+ a few DOM signals) -> page type, site, candidate catalog keys.
// No catalog here, so it can run in the content script; matching lives in ../match.
import { type Key, hostKey, normaliseHost, pathKey } from '../keys';
import { CONFIDENCE } from './confidence';
import { detectBitbucket, detectCodeberg, detectGitlab } from './forges';
import { REDDIT_HOSTS, detectReddit, detectStackExchange, forumSoftware, isStackExchangeHost } from './forums';
import { detectGithub } from './github';
import { detectDockerHub, detectDocsRs, detectGoDev, detectMaven, detectNpm, detectPackagist, singleName } from './registries';
import type { Detection, DomSignals } from './types';
import { isName, nothing, result, segments } from './util';

export type { Detection, DomSignals, PageType } from './types';
export { CONFIDENCE } from './confidence';

type Handler = (segs: string[], url: URL, signals: DomSignals) => Detection;

const maven: Handler = (segs, url) => detectMaven(segs, url.hash);

/** One map read per page: the host picks its handler (hosts without `www.`). */
const BY_HOST = new Map<string, Handler>([
  ['github.com', (segs, _url, signals) => detectGithub(segs, signals)],
  ['gitlab.com', detectGitlab],
  ['codeberg.org', detectCodeberg],
  ['bitbucket.org', detectBitbucket],
  ['npmjs.com', detectNpm],
  ['pypi.org', singleName('pypi', 'pypi', 'project')],
  ['crates.io', singleName('crates', 'crates', 'crates')],
  ['docs.rs', detectDocsRs],
  ['pkg.go.dev', detectGoDev],
  ['rubygems.org', singleName('rubygems', 'rubygems', 'gems')],
  ['packagist.org', detectPackagist],
  ['nuget.org', singleName('nuget', 'nuget', 'packages')],
  ['central.sonatype.com', maven],
  ['mvnrepository.com', maven],
  ['search.maven.org', maven],
  ['hub.docker.com', detectDockerHub],
  ...REDDIT_HOSTS.map((h): [string, Handler] => [h, detectReddit]),
]);

const MAX_URL = 4096;
const MAX_KEY = 256;

/** The hosts a handler of its own reads (without `www.`); manifest.json names each among its host permissions. */
export const DETECTED_HOSTS: readonly string[] = [...BY_HOST.keys()];

export function detectPage(url: string, signals?: DomSignals): Detection {
  try {
    return classifyPage(url, signals);
  } catch {
    return nothing(); // a handler bug must never break the page
  }
}

/**
 * detectPage without its safety net: a handler bug throws here, so tests can see it (detectPage
 * itself answers 'none' instead, which a test cannot tell from a page it cannot read).
 */
export function classifyPage(url: string, signals?: DomSignals): Detection {
  if (typeof url !== 'string' || url.length > MAX_URL) return nothing();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return nothing();
  }
  if ( (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || !parsed.hostname) return nothing();
  const sig: DomSignals = signals && typeof signals === 'object' ? signals : {};
  const host = normaliseHost(parsed.hostname);
  const segs = segments(parsed.pathname);
  const handler = BY_HOST.get(host);
  const detection = handler
    ? handler(segs, parsed, sig)
    : isStackExchangeHost(host)
      ? detectStackExchange(host, segs, parsed.pathname, sig)
      : detectOtherHost(host, segs, sig);
  // No catalog key is that long: a longer one is noise the worker need not remember.
  detection.keys = detection.keys.filter((k) => k.length <= MAX_KEY);
  return detection;
}

/**
 * Any other host: the catalog may name it (homepage, docs, forum, mailing list), so emit the
 * path key, the host key and up to two parent domains, most specific first. Forum software
 * recognised from the DOM makes it a forum whatever the catalog says.
 */
function detectOtherHost(host: string, segs: string[], signals: DomSignals): Detection {
  const keys: Key[] = [];
  const first = segs[0];
  if (first && isName(first, 64)) keys.push(pathKey(host, first));
  keys.push(hostKey(host));
  const labels = host.split('.');
  const isIp = /^[\d.]+$/.test(host) || host.includes(':');
  for (let i = 1; !isIp && i <= 2 && labels.length - i >= 2; i++) keys.push(hostKey(labels.slice(i).join('.')));
  const software = forumSoftware(signals);
  if (software) return result('forum', software, keys, CONFIDENCE.forumSignal);
  return result('other', 'web', keys, CONFIDENCE.hostOnly);
}
