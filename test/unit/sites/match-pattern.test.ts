import { describe, expect, it } from 'vitest';
import { hostOfSitePattern, parseMatchPattern, patternCovers, patternMatchesUrl, sitePattern } from '../../../src/core/sites/match-pattern';
import { withoutCovered } from '../../../src/core/sites/served';

describe('match patterns', () => {
  it('match URLs as the browsers do: scheme, host (a leading *. is the host and its subdomains) and path glob', () => {
    expect(patternMatchesUrl('https://github.com/*', 'https://github.com/mysql/mysql-server')).toBe(true);
    expect(patternMatchesUrl('https://github.com/*', 'http://github.com/')).toBe(false);
    expect(patternMatchesUrl('https://github.com/*', 'https://gist.github.com/')).toBe(false);
    expect(patternMatchesUrl('https://*.reddit.com/*', 'https://reddit.com/r/mysql')).toBe(true);
    expect(patternMatchesUrl('https://*.reddit.com/*', 'https://old.reddit.com/r/mysql')).toBe(true);
    expect(patternMatchesUrl('https://*.reddit.com/*', 'https://notreddit.com/')).toBe(false);
    expect(patternMatchesUrl('https://www.postgresql.org/docs*', 'https://www.postgresql.org/docs/16/')).toBe(true);
    expect(patternMatchesUrl('https://www.postgresql.org/docs*', 'https://www.postgresql.org/about/')).toBe(false);
    expect(patternMatchesUrl('https://github.com/*', 'not a url')).toBe(false);
    expect(parseMatchPattern('https://exa*mple.com/*')).toBeNull();
  });

  it('know when one pattern covers another', () => {
    expect(patternCovers('https://*.stackexchange.com/*', 'https://dba.stackexchange.com/*')).toBe(true);
    expect(patternCovers('https://www.postgresql.org/*', 'https://www.postgresql.org/docs*')).toBe(true);
    expect(patternCovers('https://www.postgresql.org/docs*', 'https://www.postgresql.org/*')).toBe(false);
    expect(patternCovers('https://dba.stackexchange.com/*', 'https://*.stackexchange.com/*')).toBe(false);
    expect(patternCovers('https://*/*', 'https://*.reddit.com/*')).toBe(true);
    expect(withoutCovered(['https://a.example/*', 'https://a.example/docs*', 'https://a.example/*', 'https://b.example/x*'])).toEqual(['https://a.example/*', 'https://b.example/x*']);
  });

  it('name one granted site exactly', () => {
    expect(sitePattern('discuss.example.com')).toBe('https://discuss.example.com/*');
    expect(hostOfSitePattern('https://discuss.example.com/*')).toBe('discuss.example.com');
    expect(hostOfSitePattern('https://*.example.com/*')).toBeNull();
    expect(hostOfSitePattern('https://example.com/docs*')).toBeNull();
  });
});
