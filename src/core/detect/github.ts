// GitHub: github.com/<owner>/<repo>/<section>/…
// Only the JSON list is imported (not the package's CommonJS index): about 1.2 KB gzipped.
import reservedNames from 'github-reserved-names/reserved-names.json' with { type: 'json' };
import { githubOrgKey, repoKey } from '../keys';
import { CONFIDENCE } from './confidence';
import type { Detection, DomSignals } from './types';
import { isName, other, result } from './util';

/**
 * Top-level paths of GitHub's own pages that github-reserved-names 2.2 lacks (seen in the site's
 * navigation menu, 2026): never an owner, so never a repository. Checked by
 * test/unit/detect/github-reserved.test.ts against the package's list.
 */
export const EXTRA_RESERVED: readonly string[] = ['solutions', 'models', 'premium-support', 'trust-center', 'accelerator'];

const RESERVED: ReadonlySet<string> = new Set([...(reservedNames as string[]), ...EXTRA_RESERVED]);

/** Repository sections that are conversations rather than the project itself. */
const FORUM_SECTIONS = new Set(['issues', 'discussions']);

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

export function detectGithub(segs: string[], signals: DomSignals): Detection {
  const [owner, repo, section] = segs;
  if (!owner) return other('github');
  const ownerLc = owner.toLowerCase();
  if (RESERVED.has(ownerLc)) {
    // An organisation's discussions are a forum about the org, never a repository.
    if (ownerLc === 'orgs' && repo && OWNER.test(repo)) {
      if (section === 'discussions') return result('forum', 'github', [githubOrgKey(repo)], CONFIDENCE.urlPattern);
      return other('github', [githubOrgKey(repo)]);
    }
    return other('github');
  }
  if (!OWNER.test(owner)) return other('github');
  if (!repo) return other('github', [githubOrgKey(owner)]); // a user or organisation profile
  if (!isName(repo, 100)) return other('github');
  const key = repoKey('github', `${owner}/${repo}`);
  // The owner's org key comes second: matching uses it only when the repository itself is not
  // in the catalog (github.com/mysql/mysql-connector-j is still about MySQL).
  const keys = [key, githubOrgKey(owner)];
  const nwo = typeof signals.repoNwo === 'string' ? signals.repoNwo.toLowerCase() : '';
  const confidence = nwo && `github:${nwo}` === key ? CONFIDENCE.confirmed : CONFIDENCE.urlPattern;
  const pageType = section && FORUM_SECTIONS.has(section.toLowerCase()) ? 'forum' : 'project';
  return result(pageType, 'github', keys, confidence);
}
