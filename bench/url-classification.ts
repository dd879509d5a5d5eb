// URL classification per GitHub URL: Advocate's detectPage against github-url-detection (the
// library Refined GitHub uses) on the same URLs, and against a bare `new URL()` + split, the
// floor any classifier pays. Each contender names the repository and the kind of page.
//   npx tsx bench/url-classification.ts [--quick]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as gud from 'github-url-detection';
import { detectPage } from '../src/core/detect/index';
import { type Bench, type Figure, interleave, isMain, median, round, runStandalone } from './figure';

const ROOT = resolve(import.meta.dirname, '..');
const GUD_VERSION = (JSON.parse(readFileSync(resolve(ROOT, 'node_modules/github-url-detection/package.json'), 'utf8')) as { version: string }).version;

/** The GitHub URLs of the labelled list, plus the saved real GitHub pages' addresses. */
export function githubUrls(): string[] {
  const lines = readFileSync(resolve(ROOT, 'test/fixtures/detect/urls.jsonl'), 'utf8').trim().split('\n');
  const listed = lines.map((l) => (JSON.parse(l) as { url: string }).url).filter((u) => URL.canParse(u) && new URL(u).hostname === 'github.com');
  return [...listed, 'https://github.com/microlinkhq/mql', 'https://github.com/discourse/discourse/tree/master/spec/fixtures'];
}

interface Classified {
  repo: string | undefined;
  kind: string;
}

// github-url-detection reads `document.title` to tell an issue from GitHub's 404 page; in Node
// there is no document, so it gets an empty one (the URL decides, as in the extension's case).
(globalThis as { document?: unknown }).document ??= { title: '' };

function withGithubUrlDetection(href: string): Classified {
  const url = new URL(href);
  const info = gud.utils.getRepositoryInfo(url);
  const kind = gud.isPR(url) ? 'pr' : gud.isIssue(url) ? 'issue' : gud.isDiscussion(url) ? 'discussion' : gud.isRepoWiki(url) ? 'wiki' : gud.isReleases(url) ? 'releases' : info ? 'repo' : 'other';
  return { repo: info?.nameWithOwner.toLowerCase(), kind };
}

function withAdvocate(href: string): Classified {
  const d = detectPage(href);
  const repo = d.site === 'github' && d.keys[0]?.startsWith('github:') ? d.keys[0].slice('github:'.length) : undefined;
  return { repo, kind: d.pageType };
}

function floor(href: string): Classified {
  const [owner, repo, section] = new URL(href).pathname.split('/').slice(1);
  return { repo: owner && repo ? `${owner}/${repo}` : undefined, kind: section ?? 'repo' };
}

export const bench: Bench = {
  title: 'URL classification (GitHub URLs)',
  async run({ quick }) {
    const urls = githubUrls();
    // Same answers first: a fast classifier that names other repositories would mean nothing.
    let sameRepo = 0;
    let sameForum = 0;
    for (const u of urls) {
      const a = withAdvocate(u);
      const g = withGithubUrlDetection(u);
      if (a.repo === g.repo) sameRepo++;
      if ((a.kind === 'forum') === (g.kind === 'issue' || g.kind === 'discussion')) sameForum++;
    }
    let sink = 0;
    const pass = (classify: (u: string) => Classified) => () => {
      for (let i = 0; i < 20; i++) for (const u of urls) sink += classify(u).kind.length;
    };
    const samples = interleave(quick ? 40 : 300, quick ? 10 : 50, {
      advocate: pass(withAdvocate),
      gud: pass(withGithubUrlDetection),
      floor: pass(floor),
    });
    if (sink === 0) throw new Error('nothing classified');
    const perUrlUs = (xs: number[]) => round((median(xs) * 1000) / (20 * urls.length));
    const advocate = perUrlUs(samples.advocate);
    const gudUs = perUrlUs(samples.gud);
    const floorUs = perUrlUs(samples.floor);
    const name = 'URL classification per GitHub URL, median';
    const note = `Advocate's detectPage against github-url-detection's getRepositoryInfo + isPR/isIssue/isDiscussion/isRepoWiki/isReleases; ${urls.length} GitHub URLs (repo, issue, PR list, discussion, wiki, releases, tree); same repository as github-url-detection on ${sameRepo}/${urls.length}, same forum/not-forum call on ${sameForum}/${urls.length}`;
    const figures: Figure[] = [
      { name, value: advocate, unit: 'µs', budget: round(gudUs / 3), budgetNote: '≥ 3× faster than github-url-detection', comparison: { name: `github-url-detection ${GUD_VERSION}`, value: gudUs }, note },
      { name, value: advocate, unit: 'µs', budget: round(floorUs * 3), budgetNote: '≤ 3× the floor', comparison: { name: 'floor: new URL() + pathname.split', value: floorUs } },
    ];
    return figures;
  },
};

if (isMain(import.meta)) await runStandalone(bench);
