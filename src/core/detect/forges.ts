// GitLab, Codeberg (Forgejo) and Bitbucket repository pages.
import { repoKey } from '../keys';
import { CONFIDENCE } from './confidence';
import type { Detection } from './types';
import { isName, other, result } from './util';

// Top-level paths that are the sites' own pages, not namespaces (small, stable lists; GitHub's
// far longer list comes from the github-reserved-names package instead).
const GITLAB_RESERVED = new Set(['explore', 'help', 'users', 'dashboard', 'admin', 'search', 'projects', 'groups', 'api', '-', 'profile', 'snippets', 'oauth', 'uploads', 'assets', 'public', 'jwt']);
const CODEBERG_RESERVED = new Set(['explore', 'user', 'admin', 'api', 'org', 'repo', 'notifications', 'issues', 'pulls', 'milestones', '-', 'assets', 'avatars', 'attachments', 'login', 'settings']);
const BITBUCKET_RESERVED = new Set(['account', 'dashboard', 'product', 'blog', 'site', 'repo', 'socialauth', 'snippets', 'workspace', 'api']);

/** GitLab: /group/sub/project/-/section/…; without `/-/` the path may still be a group. */
export function detectGitlab(segs: string[]): Detection {
  if (!segs[0] || GITLAB_RESERVED.has(segs[0].toLowerCase())) return other('gitlab');
  const dash = segs.indexOf('-');
  const project = dash === -1 ? segs : segs.slice(0, dash);
  if (project.length < 2 || project.length > 20 || !project.every((s) => isName(s, 255))) return other('gitlab');
  const key = repoKey('gitlab', project.join('/'));
  if (dash === -1) return result('project', 'gitlab', [key], CONFIDENCE.partial);
  const section = segs[dash + 1]?.toLowerCase();
  const forum = section === 'issues' || section === 'work_items';
  return result(forum ? 'forum' : 'project', 'gitlab', [key], CONFIDENCE.urlPattern);
}

function ownerRepo(site: 'codeberg' | 'bitbucket', reserved: ReadonlySet<string>, segs: string[]): Detection {
  const [owner, repo, section] = segs;
  if (!owner || reserved.has(owner.toLowerCase()) || !isName(owner, 100)) return other(site);
  if (!repo || !isName(repo, 100)) return other(site);
  const forum = section?.toLowerCase() === 'issues';
  return result(forum ? 'forum' : 'project', site, [repoKey(site, `${owner}/${repo}`)], CONFIDENCE.urlPattern);
}

export const detectCodeberg = (segs: string[]) => ownerRepo('codeberg', CODEBERG_RESERVED, segs);
export const detectBitbucket = (segs: string[]) => ownerRepo('bitbucket', BITBUCKET_RESERVED, segs);
