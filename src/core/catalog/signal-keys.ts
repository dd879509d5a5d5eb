// Turns one product's signals into the exact lookup keys detection emits. Every key is spelled
// by ../keys.ts; this file only decides which builder each signal goes through.

import {
  dockerKey,
  githubOrgKey,
  hostKey,
  packageKey,
  pathKey,
  repoKey,
  soTagKey,
  subredditKey,
  type Key,
} from '../keys';
import { parseHostOrPath, parseRepositoryUrl } from './forms';
import type { SignalEntry, Signals } from './schema';

export type SignalRole =
  | 'repository'
  | 'org'
  | 'package'
  | 'image'
  | 'homepage'
  | 'docs'
  | 'forum'
  | 'mailing-list'
  | 'subreddit'
  | 'so-tag';

export interface SignalKey {
  key: Key;
  role: SignalRole;
  /** Where the signal sits inside the product, e.g. `signals.repositories[0]`. */
  field: string;
  /** The entry as written (its value, or the object that says why it is old). */
  entry: SignalEntry;
  /** Why the signal is old, when it is: still detected, shown as old. */
  legacy?: string;
}

export const entryValue = (entry: SignalEntry): string => (typeof entry === 'string' ? entry : entry.value);

type Registry = keyof NonNullable<Signals['packages']>;
const REGISTRIES: readonly Registry[] = ['npm', 'pypi', 'maven', 'go', 'crates', 'rubygems', 'packagist', 'nuget'];

const HOST_OR_PATH: readonly [keyof Signals, SignalRole][] = [
  ['homepages', 'homepage'],
  ['docs', 'docs'],
  ['forums', 'forum'],
  ['mailingLists', 'mailing-list'],
];

/**
 * All keys of one (already validated) product's signals, in catalog order. Throws on an entry
 * that does not parse, which validation rules out.
 */
export function signalKeys(signals: Signals): SignalKey[] {
  const out: SignalKey[] = [];
  const each = (field: string, values: readonly SignalEntry[] | undefined, role: SignalRole, toKey: (s: string) => Key) =>
    values?.forEach((entry, i) => {
      const key: SignalKey = { key: toKey(entryValue(entry)), role, field: `signals.${field}[${i}]`, entry };
      if (typeof entry !== 'string' && entry.legacy !== undefined) key.legacy = entry.legacy;
      out.push(key);
    });

  each('repositories', signals.repositories, 'repository', (url) => {
    const repo = parseRepositoryUrl(url);
    if (!repo) throw new Error(`not a repository URL: ${url}`);
    return repoKey(repo.site, repo.path);
  });
  each('githubOrgs', signals.githubOrgs, 'org', githubOrgKey);
  for (const registry of REGISTRIES) {
    each(`packages.${registry}`, signals.packages?.[registry], 'package', (name) => packageKey(registry, name));
  }
  each('images', signals.images, 'image', dockerKey);
  for (const [field, role] of HOST_OR_PATH) {
    each(field, signals[field] as SignalEntry[] | undefined, role, (entry) => {
      const parsed = parseHostOrPath(entry);
      if (!parsed) throw new Error(`not a host or host/segment: ${entry}`);
      return parsed.segment === undefined ? hostKey(parsed.host) : pathKey(parsed.host, parsed.segment);
    });
  }
  each('subreddits', signals.subreddits, 'subreddit', subredditKey);
  signals.stackExchange?.forEach(({ site, tags }, i) =>
    each(`stackExchange[${i}].tags`, tags, 'so-tag', (tag) => soTagKey(site, tag)),
  );
  return out;
}
