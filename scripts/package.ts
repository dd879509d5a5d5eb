// `npm run package`: builds both extensions from the sources and writes, into artifacts/,
//   advocate-chrome-<version>.zip   for the Chrome Web Store
//   advocate-firefox-<version>.zip  for addons.mozilla.org
//   advocate-source-<version>.zip   the sources with BUILD.md, for AMO's source review
// The same sources give the same bytes (scripts/zip.ts), so a reviewer can rebuild and compare.
//   tsx scripts/package.ts [--out DIR] [--build-root DIR]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import pkg from '../package.json' with { type: 'json' };
import { OUT_DIRS, type BrowserName } from './browser-builds.ts';
import { filesUnder, writeZip, type ZipEntry } from './zip.ts';

export const ROOT = resolve(import.meta.dirname, '..');
/** The instructions for store reviewers, put at the top of the source zip as BUILD.md. */
export const BUILD_INSTRUCTIONS = 'store/source-review.md';

export interface Artifacts {
  chrome: string;
  firefox: string;
  source: string;
}

export const artifactName = (kind: keyof Artifacts, version = pkg.version) => `advocate-${kind}-${version}.zip`;

/**
 * Builds one browser's extension from the sources into `outDir` (Vite mode picks the browser).
 * Always a production build: Vite takes NODE_ENV from the environment, and NODE_ENV=test (as
 * under vitest) or development gives other bundles, so other bytes.
 */
export async function buildExtension(browser: BrowserName, outDir: string): Promise<void> {
  process.env.NODE_ENV = 'production';
  await build({ root: ROOT, mode: browser === 'firefox' ? 'firefox' : 'production', logLevel: 'warn', build: { outDir } });
}

/** Not needed to build, and rewritten by every browser test run (so a source zip made meanwhile would differ). */
export const NOT_IN_SOURCE_ZIP = ['docs/screenshots/'];

/** Tracked files and new files git does not ignore: what a clean checkout plus your changes holds. */
export function sourceEntries(root = ROOT): ZipEntry[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\0')
    .filter((name) => name !== '' && !NOT_IN_SOURCE_ZIP.some((prefix) => name.startsWith(prefix)))
    .filter((name) => existsSync(join(root, name)) && lstatSync(join(root, name)).isFile());
  const entries = [...new Set(listed)].map((name) => ({ name, data: readFileSync(join(root, name)) }));
  return [...entries, { name: 'BUILD.md', data: readFileSync(join(root, BUILD_INSTRUCTIONS)) }];
}

export async function packageAll(options: { artifactsDir: string; buildRoot?: string }): Promise<Artifacts> {
  const buildRoot = options.buildRoot ?? ROOT;
  const out = (kind: keyof Artifacts) => join(options.artifactsDir, artifactName(kind));
  for (const browser of ['chrome', 'firefox'] as const) {
    const dir = join(buildRoot, OUT_DIRS[browser]);
    await buildExtension(browser, dir);
    await writeZip(filesUnder(dir), out(browser));
  }
  await writeZip(sourceEntries(), out('source'));
  return { chrome: out('chrome'), firefox: out('firefox'), source: out('source') };
}

export const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'artifacts' }, 'build-root': { type: 'string' } } });
  const artifacts = await packageAll({ artifactsDir: resolve(values.out), buildRoot: values['build-root'] && resolve(values['build-root']) });
  for (const file of Object.values(artifacts)) console.log(`${sha256(file)}  ${file}`);
}
