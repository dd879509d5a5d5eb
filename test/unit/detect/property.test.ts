import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyPage, detectPage } from '../../../src/core/detect/index';
import type { DomSignals } from '../../../src/core/detect/types';

const KEY = /^(github|github-org|gitlab|codeberg|bitbucket|npm|pypi|maven|go|crates|rubygems|packagist|nuget|docker|host|path|so-tag|subreddit):\S+$/;

type Detect = typeof classifyPage;

/** A web URL the detector must read: http(s), a host name, not over its length cap. */
const readable = (s: string) => {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && s.length <= 4096;
  } catch {
    return false;
  }
};

const wellFormed = (d: ReturnType<typeof detectPage>) => {
  expect(['project', 'forum', 'other']).toContain(d.pageType);
  expect(d.confidence >= 0 && d.confidence <= 1, `confidence ${d.confidence} is outside [0, 1]`).toBe(true);
  for (const key of d.keys) {
    expect(key).toMatch(KEY);
    expect(key.length).toBeLessThanOrEqual(256);
  }
};

// Arbitrary hostile signals: any JSON-ish value in any field.
const signals = fc.record(
  {
    generator: fc.oneof(fc.string(), fc.constantFrom('Discourse 3.2', 'phpBB', 'vBulletin 5')),
    canonicalUrl: fc.oneof(fc.string(), fc.webUrl()),
    tags: fc.oneof(fc.array(fc.string()), fc.anything()),
    repoNwo: fc.oneof(fc.string(), fc.anything()),
    forumSoftware: fc.oneof(fc.string(), fc.constantFrom('discourse', 'xenforo')),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<DomSignals>;

const KNOWN_HOSTS = ['github.com', 'gitlab.com', 'stackoverflow.com', 'dba.stackexchange.com', 'www.reddit.com', 'www.npmjs.com', 'pypi.org', 'pkg.go.dev', 'hub.docker.com', 'search.maven.org', 'docs.rs', 'codeberg.org'];

/**
 * The properties run on classifyPage, which has no catch-all: a handler that throws fails them
 * (detectPage would turn the throw into an empty answer). detectPage must agree with it, and
 * answer site 'none' only for what is not a readable web URL.
 */
function holds(detect: Detect, url: string, sig: DomSignals) {
  const d = detect(url, sig);
  wellFormed(d);
  expect(detectPage(url, sig)).toEqual(d);
  expect(d.site === 'none').toBe(!readable(url));
}

const path = fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('orgs', 'discussions', 'issues', '-', 'package', '@x', 'r', '_', 'questions', 'tagged', 'tags', '%', '%2F', '..', '')), { maxLength: 7 });
const knownSiteUrl = fc.tuple(fc.constantFrom(...KNOWN_HOSTS), path).map(([host, segs]) => `https://${host}/${segs.join('/')}`);

describe('detectPage never throws and always answers', () => {
  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), signals, (s, sig) => holds(classifyPage, s, sig)), { numRuns: 2000 });
  });

  it('on arbitrary web URLs', () => {
    fc.assert(fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true }), signals, (u, sig) => holds(classifyPage, u, sig)), { numRuns: 1000 });
  });

  it('on arbitrary paths of the known sites', () => {
    fc.assert(fc.property(knownSiteUrl, signals, (u, sig) => holds(classifyPage, u, sig)), { numRuns: 2000 });
  });

  it('positive control: a detector with a bug on one site fails the same property', () => {
    const buggy: Detect = (url, sig) => {
      if (url.includes('/questions/')) throw new TypeError('handler bug');
      return classifyPage(url, sig);
    };
    expect(fc.check(fc.property(knownSiteUrl, signals, (u, sig) => holds(buggy, u, sig)), { numRuns: 2000 }).failed).toBe(true);
    // …and so does one that swallows the bug the way detectPage does, answering 'none'.
    const swallowed: Detect = (url, sig) => {
      try {
        return buggy(url, sig);
      } catch {
        return { pageType: 'other', site: 'none', keys: [], confidence: 0 };
      }
    };
    expect(fc.check(fc.property(knownSiteUrl, signals, (u, sig) => holds(swallowed, u, sig)), { numRuns: 2000 }).failed).toBe(true);
  });
});
