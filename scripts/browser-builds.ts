// The two extension builds from the same sources, chosen by Vite's mode (see vite.config.ts):
// the default mode builds Chrome into dist/, `--mode firefox` builds Firefox into dist-firefox/.
// The version in both manifests is package.json's, so `npm version` is the only place to bump it.
import type { CrxPlugin } from '@crxjs/vite-plugin';
import pkg from '../package.json' with { type: 'json' };
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

export function extensionBuild(mode: string, source: Manifest): ExtensionBuild {
  const browser = browserOfMode(mode);
  const finish = browser === 'firefox' ? finishFirefoxManifest : finishChromeManifest;
  return {
    browser,
    manifest: browser === 'firefox' ? firefoxSourceManifest(source) : source,
    outDir: OUT_DIRS[browser],
    esTarget: browser === 'firefox' ? `firefox${Number.parseInt(FIREFOX_MIN_VERSION, 10)}` : `chrome${source.minimum_chrome_version ?? '116'}`,
    plugin: {
      name: 'advocate:browser-manifest',
      enforce: 'post', // after crx's own renderCrxManifest steps, which name the background loader
      renderCrxManifest: (manifest) => finish(manifest as unknown as Manifest, pkg.version) as never,
    },
  };
}
