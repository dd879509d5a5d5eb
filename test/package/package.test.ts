// `npm run package` twice, from the same sources into different folders: the Chrome, Firefox and
// source zips are the same bytes both times, hold exactly the built files with fixed dates and
// modes, and Firefox's add-on linter (web-ext lint) finds no error in either build.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { describeMessage, lintExtension } from '../../scripts/lint-extension';
import { artifactName, NOT_IN_SOURCE_ZIP, sha256 } from '../../scripts/package';
import { filesUnder } from '../../scripts/zip';
import { readZip } from '../unit/build/read-zip';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'advocate-package-'));
const runs = ['first', 'second'].map((name) => ({ artifacts: join(work, name, 'artifacts'), builds: join(work, name, 'builds') }));
const zip = (run: number, kind: 'chrome' | 'firefox' | 'source') => join(runs[run]!.artifacts, artifactName(kind));

beforeAll(() => {
  // The real command, as a reviewer would run it (in a child process, like `npm run package`).
  for (const run of runs) {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/package.ts', '--out', run.artifacts, '--build-root', run.builds], { cwd: ROOT, stdio: 'pipe' });
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('two packagings of the same sources give byte-identical Chrome, Firefox and source zips', () => {
  for (const kind of ['chrome', 'firefox', 'source'] as const) {
    const [a, b] = [readFileSync(zip(0, kind)), readFileSync(zip(1, kind))];
    expect(a.length).toBeGreaterThan(1000);
    expect({ kind, same: a.equals(b) }).toEqual({ kind, same: true });
    console.log(`${artifactName(kind)} ${a.length} bytes sha256 ${sha256(zip(0, kind))}`);
  }
});

test('each extension zip holds exactly its build, sorted, dated 2000-01-01 and mode 644, named with package.json’s version', async () => {
  for (const [kind, dir] of [['chrome', 'dist'], ['firefox', 'dist-firefox']] as const) {
    const entries = await readZip(zip(0, kind));
    const built = filesUnder(join(runs[0]!.builds, dir));
    expect(entries.map((e) => e.name)).toEqual(built.map((f) => f.name).sort());
    for (const e of entries) {
      expect(e.data.equals(built.find((f) => f.name === e.name)!.data)).toBe(true);
      expect(e.mode).toBe(0o100644);
      expect(e.dosDateTime).toEqual({ year: 2000, month: 1, day: 1, hours: 0, minutes: 0, seconds: 0 });
    }
    const manifest = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.data.toString());
    expect(manifest.version).toBe(pkg.version);
    expect(artifactName(kind)).toBe(`advocate-${kind}-${pkg.version}.zip`);
  }
});

test('the source zip holds every file git knows, the build instructions at its top, and nothing built', async () => {
  const names = (await readZip(zip(0, 'source'))).map((e) => e.name);
  const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  const wanted = tracked.filter((name) => existsSync(join(ROOT, name)) && !NOT_IN_SOURCE_ZIP.some((prefix) => name.startsWith(prefix)));
  expect(wanted.filter((name) => !names.includes(name))).toEqual([]);
  expect(names.filter((name) => name.startsWith('docs/screenshots/'))).toEqual([]);
  expect(names).toEqual(expect.arrayContaining(['BUILD.md', 'package.json', 'package-lock.json', 'manifest.json', 'vite.config.ts', 'src/background/index.ts']));
  expect(names.filter((n) => /^(node_modules|dist|dist-firefox|artifacts)\//.test(n))).toEqual([]);
  expect(readFileSync(join(ROOT, 'store/source-review.md'), 'utf8')).toContain('npm run package');
});

test('web-ext lint reports no error on the Chrome or the Firefox build', async () => {
  for (const dir of ['dist', 'dist-firefox']) {
    const result = await lintExtension(join(runs[0]!.builds, dir));
    console.log(`web-ext lint ${dir}: ${result.summary.errors} errors; warnings: ${result.warnings.map(describeMessage).join(' | ') || 'none'}`);
    expect(result.errors.map(describeMessage)).toEqual([]);
  }
});

test('…and the linter does fail a build Firefox would refuse (a manifest without the gecko id)', async () => {
  const broken = join(work, 'broken');
  cpSync(join(runs[0]!.builds, 'dist-firefox'), broken, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(broken, 'manifest.json'), 'utf8'));
  delete manifest.browser_specific_settings;
  writeFileSync(join(broken, 'manifest.json'), JSON.stringify(manifest));
  const result = await lintExtension(broken);
  expect(result.errors.map((m) => m.code)).toContain('ADDON_ID_REQUIRED');
});
