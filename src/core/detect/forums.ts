// Forums: Stack Exchange sites, Reddit, and forum software recognised on any host.
import { type Key, hostKey, soTagKey, subredditKey } from '../keys';
import { CONFIDENCE } from './confidence';
import type { Detection, DomSignals } from './types';
import { other, result } from './util';

const SE_HOSTS = new Set(['stackoverflow.com', 'serverfault.com', 'superuser.com', 'askubuntu.com', 'mathoverflow.net', 'stackapps.com']);
const SE_NOT_SITES = new Set(['stackexchange.com', 'api.stackexchange.com', 'chat.stackexchange.com', 'openid.stackexchange.com', 'chat.stackoverflow.com', 'chat.meta.stackexchange.com', 'data.stackexchange.com']);

/** Every Stack Exchange Q&A site: stackoverflow.com and its language sites, *.stackexchange.com, the named ones and their metas. */
export function isStackExchangeHost(host: string): boolean {
  if (SE_NOT_SITES.has(host)) return false;
  if (SE_HOSTS.has(host) || host.endsWith('.stackexchange.com') || host.endsWith('.stackoverflow.com')) return true;
  return host.startsWith('meta.') && SE_HOSTS.has(host.slice(5));
}

const TAG = /^[a-z0-9][a-z0-9.#+-]{0,34}$/;
const MAX_TAGS = 10;

function tagKeys(host: string, tags: readonly unknown[]): Key[] {
  const keys: Key[] = [];
  for (const t of tags.slice(0, MAX_TAGS)) {
    if (typeof t !== 'string') continue;
    const tag = t.trim().toLowerCase();
    if (TAG.test(tag)) keys.push(soTagKey(host, tag));
  }
  return keys;
}

/** `/questions/tagged/a+b` (also `a%20b`, `a or b`): split before decoding so `c%2b%2b` stays c++. */
function tagsFromPath(raw: string): string[] {
  return raw
    .split(/\+|%20/i)
    .map((t) => {
      try {
        return decodeURIComponent(t);
      } catch {
        return t;
      }
    })
    .filter((t) => t && t !== 'or' && t !== 'and');
}

const SE_FORUM_PAGES = new Set(['questions', 'q', 'a', 'tags', 'unanswered', 'search']);

/**
 * Stack Exchange: the question's tags, then the site's own host key, so a site dedicated to one
 * product (wordpress.stackexchange.com) names it even when no tag does; the catalog lists such
 * sites as that product's forums.
 */
export function detectStackExchange(host: string, segs: string[], rawPath: string, signals: DomSignals): Detection {
  const [head, second, third] = segs;
  const forum = (keys: Key[], confidence: number) => result('forum', 'stackexchange', [...keys, hostKey(host)], confidence);
  if (head === undefined) return forum([], CONFIDENCE.urlPattern);
  if (!SE_FORUM_PAGES.has(head)) return other('stackexchange');
  if (head === 'questions' && second === 'tagged') {
    const raw = rawPath.split('/')[3] ?? '';
    return forum(tagKeys(host, tagsFromPath(raw)), CONFIDENCE.urlPattern);
  }
  if (head === 'tags' && second && third !== undefined) {
    // /tags/mysql/info, /tags/mysql/topusers: pages about one tag
    return forum(tagKeys(host, [second]), CONFIDENCE.urlPattern);
  }
  const isPost = (head === 'questions' || head === 'q' || head === 'a') && !!second && /^\d+$/.test(second);
  if (isPost && Array.isArray(signals.tags) && signals.tags.length > 0) {
    return forum(tagKeys(host, signals.tags), CONFIDENCE.confirmed);
  }
  return forum([], isPost ? CONFIDENCE.partial : CONFIDENCE.urlPattern);
}

export const REDDIT_HOSTS = ['reddit.com', 'old.reddit.com', 'new.reddit.com', 'np.reddit.com', 'sh.reddit.com'];
const SUBREDDIT = /^[A-Za-z0-9][A-Za-z0-9_]{1,20}$/;
const AGGREGATES = new Set(['all', 'popular', 'random', 'friends', 'mod', 'randnsfw']);

/** Reddit: /r/name/…, multireddits /r/a+b. */
export function detectReddit(segs: string[]): Detection {
  const [head, name] = segs;
  if (head?.toLowerCase() !== 'r' || !name) return other('reddit');
  const names = name.split('+').slice(0, MAX_TAGS);
  const keys = names.filter((n) => SUBREDDIT.test(n) && !AGGREGATES.has(n.toLowerCase())).map(subredditKey);
  return result('forum', 'reddit', keys, CONFIDENCE.urlPattern);
}

const SOFTWARE = ['discourse', 'phpbb', 'xenforo', 'flarum', 'vbulletin', 'nodebb', 'mybb', 'invision', 'vanilla', 'smf'];

/** Forum software named by the generator meta or a page marker (see src/content/signals.ts), else undefined. */
export function forumSoftware(signals: DomSignals): string | undefined {
  const marker = typeof signals.forumSoftware === 'string' ? signals.forumSoftware.toLowerCase() : '';
  if (SOFTWARE.includes(marker)) return marker;
  const generator = typeof signals.generator === 'string' ? signals.generator.trim().toLowerCase() : '';
  if (!generator) return undefined;
  if (generator.startsWith('simple machines')) return 'smf';
  return SOFTWARE.find((name) => generator.startsWith(name));
}
