import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { detectPage } from '../../../src/core/detect/index';
import type { DomSignals } from '../../../src/core/detect/types';
import { DetectionSchema } from '../../../src/core/messages/detection';

const KEY = /^(github|github-org|gitlab|codeberg|bitbucket|npm|pypi|maven|go|crates|rubygems|packagist|nuget|docker|host|path|so-tag|subreddit):\S+$/;

const wellFormed = (d: ReturnType<typeof detectPage>) => {
  expect(['project', 'forum', 'other']).toContain(d.pageType);
  expect(d.confidence).toBeGreaterThanOrEqual(0);
  expect(d.confidence).toBeLessThanOrEqual(1);
  // Whatever the page, the worker's page.detected schema accepts the detection.
  expect(v.safeParse(DetectionSchema, d).success).toBe(true);
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

describe('detectPage never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), signals, (s, sig) => wellFormed(detectPage(s, sig))), { numRuns: 2000 });
  });

  it('on arbitrary web URLs', () => {
    fc.assert(fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true }), signals, (u, sig) => wellFormed(detectPage(u, sig))), { numRuns: 1000 });
  });

  it('on arbitrary paths of the known sites', () => {
    const path = fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('orgs', 'discussions', 'issues', '-', 'package', '@x', 'r', '_', 'questions', 'tagged', '%', '%2F', '..', '')), { maxLength: 7 });
    fc.assert(
      fc.property(fc.constantFrom(...KNOWN_HOSTS), path, signals, (host, segs, sig) => wellFormed(detectPage(`https://${host}/${segs.join('/')}`, sig))),
      { numRuns: 2000 },
    );
  });
});
