// The manifest the build ships (scripts/extension-manifest.ts): the oldest Chrome it admits,
// what it may read (least privilege: only the sites Advocate knows, nothing broad), and that
// its sites are exactly the detector's site families plus the catalog's sites. It declares no
// content script: the worker runs it in pages that may match (src/background/page-scripts.ts).
import { describe, expect, it } from 'vitest';
import { extensionBuild } from '../../../scripts/browser-builds';
import { extensionManifest } from '../../../scripts/extension-manifest';
import { CHROME_MIN_FOR_SCRIPTS_FALLBACK } from '../../../scripts/firefox-manifest';
import source from '../../../manifest.json' with { type: 'json' };
import { starterCatalog } from '../../../src/core/catalog/starter';
import { DETECTED_HOSTS } from '../../../src/core/detect';
import { isStackExchangeHost, REDDIT_HOSTS } from '../../../src/core/detect/forums';
import { normaliseHost } from '../../../src/core/keys';
import { catalogSitePatterns } from '../../../src/core/sites/served';
import { parseMatchPattern, patternMatchesUrl } from '../../../src/core/sites/match-pattern';
import { broadRequiredPatterns, isBroadPattern } from './broad-patterns';

const manifest = extensionManifest();
const matches = manifest.host_permissions;

/** The newest Chrome API the extension's code needs: chrome.storage.session (per-tab page memory, storage problems), Chrome 102. */
const CODE_NEEDS_CHROME = 102;

describe('manifest', () => {
  it('admits exactly the Chrome the code and the manifest shape need, and the build emits syntax for it', () => {
    expect(Number(manifest.minimum_chrome_version)).toBe(Math.max(CODE_NEEDS_CHROME, CHROME_MIN_FOR_SCRIPTS_FALLBACK));
    expect(extensionBuild('production', manifest).esTarget).toBe(`chrome${manifest.minimum_chrome_version}`);
  });

  it('asks for no permission the extension does not use, and declares no content script (the worker runs it)', () => {
    expect([...manifest.permissions].sort()).toEqual(['activeTab', 'alarms', 'clipboardWrite', 'contextMenus', 'scripting', 'storage']);
    expect((manifest as { content_scripts?: unknown }).content_scripts).toBeUndefined();
  });

  it('tells a broad pattern from one named site (the check below can fail)', () => {
    for (const broad of ['https://*/*', 'http://*/*', '*://*/*', '<all_urls>', 'https://*.com/*', 'https://*.co.uk/*', 'https://*.github.io/*', 'https://com/*', 'ftp://x/*']) expect(isBroadPattern(broad), broad).toBe(true);
    for (const named of ['https://github.com/*', 'https://*.stackexchange.com/*', 'https://www.postgresql.org/docs*', 'https://postgr.es/m*']) expect(isBroadPattern(named), named).toBe(false);
    expect(broadRequiredPatterns({ content_scripts: [{ matches: ['https://github.com/*', 'http://*/*'] }], host_permissions: ['https://*.com/*'] })).toEqual(['http://*/*', 'https://*.com/*']);
  });

  it('names no broad host permission', () => {
    expect(broadRequiredPatterns(manifest)).toEqual([]);
    expect(matches.every((m) => m.startsWith('https://'))).toBe(true);
  });

  it('asks only for optional hosts: any https vendor endpoint or granted site one at a time, and this machine over http', () => {
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*']);
  });

  it('is declared for every site family the detector reads, and for nothing else in manifest.json', () => {
    const family = source.host_permissions;
    for (const host of DETECTED_HOSTS) expect(family.some((m) => patternMatchesUrl(m, `https://${host}/x`) || patternMatchesUrl(m, `https://www.${host}/x`)), host).toBe(true);
    for (const host of ['stackoverflow.com', 'meta.stackoverflow.com', 'pt.stackoverflow.com', 'dba.stackexchange.com', 'serverfault.com', 'meta.serverfault.com', 'superuser.com', 'askubuntu.com', 'mathoverflow.net', 'stackapps.com', ...REDDIT_HOSTS, 'www.reddit.com']) {
      expect(family.some((m) => patternMatchesUrl(m, `https://${host}/questions/1`)), host).toBe(true);
    }
    for (const pattern of family) {
      const host = parseMatchPattern(pattern)!.host.replace(/^\*\./, '');
      const stackExchange = isStackExchangeHost(host) || isStackExchangeHost(`meta.${host}`);
      expect(DETECTED_HOSTS.includes(normaliseHost(host)) || stackExchange || REDDIT_HOSTS.includes(host), pattern).toBe(true);
    }
  });

  it('adds every site the starter catalog names, each covered by one pattern, with no pattern twice', () => {
    const catalogSites = catalogSitePatterns(starterCatalog);
    expect(catalogSites.length).toBeGreaterThan(50);
    expect(catalogSites).toContain('https://dev.mysql.com/*');
    expect(catalogSites).toContain('https://www.postgresql.org/docs*');
    for (const site of catalogSites) {
      const sample = site.replace(/\*$/, 'x/y');
      expect(matches.some((m) => patternMatchesUrl(m, sample)), site).toBe(true);
    }
    expect(new Set(matches).size).toBe(matches.length);
    expect(matches).not.toContain('https://dba.stackexchange.com/*'); // covered by *.stackexchange.com
    expect(patternMatchesUrl(matches.find((m) => m.startsWith('https://www.postgresql.org'))!, 'https://www.postgresql.org/about/')).toBe(true); // the homepage entry covers its /docs
  });
});
