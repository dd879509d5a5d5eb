// The two extension builds from the same sources, chosen by Vite's mode (see vite.config.ts):
// the default mode builds Chrome into dist/, `--mode firefox` builds Firefox into dist-firefox/.
// The version in both manifests is package.json's, so `npm version` is the only place to bump it.
import type { CrxPlugin } from '@crxjs/vite-plugin';
import pkg from '../package.json' with { type: 'json' };
import { CONTENT_SCRIPT_FILE, CONTENT_SCRIPT_SOURCE } from '../src/content/script-file.ts';
import { FIREFOX_MIN_VERSION, finishChromeManifest, finishFirefoxManifest, firefoxSourceManifest, type Manifest } from './firefox-manifest.ts';

export type BrowserName = 'chrome' | 'firefox';

export interface ExtensionBuild {
  browser: BrowserName;
  /** What crx builds from. */
  manifest: Manifest;
  outDir: string;
  /** The JavaScript syntax level (Vite `build.target`). */
  esTarget: string;
  /** Writes the final manifest after crx has named the output files. */
  plugin: CrxPlugin;
}

export const OUT_DIRS: Record<BrowserName, string> = { chrome: 'dist', firefox: 'dist-firefox' };

export function browserOfMode(mode: string): BrowserName {
  return mode === 'firefox' ? 'firefox' : 'chrome';
}

/**
 * crx bundles a content script (one self-contained file) only when the manifest declares it: the
 * manifest crx builds from declares it for one of Advocate's own sites, and the shipped manifest
 * does not (the worker runs it where a page may match).
 */
export function withContentScriptToBuild(source: Manifest): Manifest {
  const site = (source.host_permissions as string[] | undefined)?.[0];
  if (!site) throw new Error('manifest.json names no host_permissions (the sites the content script runs on)');
  return { ...source, content_scripts: [{ js: [CONTENT_SCRIPT_SOURCE], matches: [site] }] };
}

/** The rendered manifest without the build-only declaration, once crx named the file the worker runs. */
export function withoutBuiltContentScript(rendered: Manifest): Manifest {
  const { content_scripts: scripts, ...rest } = rendered as Manifest & { content_scripts?: { js?: string[] }[] };
  const built = scripts?.[0]?.js?.[0];
  if (scripts?.length !== 1 || built !== CONTENT_SCRIPT_FILE) throw new Error(`crx named the content script ${built ?? 'nothing'}; the worker runs ${CONTENT_SCRIPT_FILE}`);
  return rest;
}

export function extensionBuild(mode: string, source: Manifest): ExtensionBuild {
  const browser = browserOfMode(mode);
  const finish = browser === 'firefox' ? finishFirefoxManifest : finishChromeManifest;
  const built = withContentScriptToBuild(source);
  return {
    browser,
    manifest: browser === 'firefox' ? firefoxSourceManifest(built) : built,
    outDir: OUT_DIRS[browser],
    esTarget: browser === 'firefox' ? `firefox${Number.parseInt(FIREFOX_MIN_VERSION, 10)}` : `chrome${source.minimum_chrome_version ?? '116'}`,
    plugin: {
      name: 'advocate:browser-manifest',
      enforce: 'post', // after crx's own renderCrxManifest steps, which name the background loader
      renderCrxManifest: (manifest) => finish(withoutBuiltContentScript(manifest as unknown as Manifest), pkg.version) as never,
    },
  };
}
