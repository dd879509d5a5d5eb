// `npm run bench [-- --quick] [name…]`: builds the extension, runs every bench in bench/ (each in
// its own process, one after another), and writes bench/report.{md,json,svg,png}; the quick run
// writes bench/quick/ instead, so it never replaces the committed report. Exits 1 when a bench
// crashes, never because a budget is missed: benchmarks are not pass/fail tests.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Figure } from './figure';
import { type BenchResult, type RunInfo, reportJson, reportMarkdown, reportSvg } from './lib/report';

const BENCH_DIR = import.meta.dirname;
const ROOT = resolve(BENCH_DIR, '..');
/** Files in bench/ that are not benches. */
const NOT_BENCHES = new Set(['figure.ts', 'run.ts']);

export function benchFiles(dir = BENCH_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !NOT_BENCHES.has(f) && !f.endsWith('.test.ts'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Runs one bench file in a child process; a non-zero exit or no figures is a crash. `echo`: show
 * its output as it runs (off in the tests of the runner itself, whose benches crash on purpose).
 */
export function runBenchFile(file: string, quick: boolean, echo = true): Promise<BenchResult> {
  const out = mkdtempSync(join(tmpdir(), 'advocate-bench-'));
  const json = join(out, 'figures.json');
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, '--json', json, ...(quick ? ['--quick'] : [])], { cwd: ROOT, stdio: ['ignore', echo ? 'inherit' : 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (echo) process.stderr.write(chunk);
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      const base = { file: basename(file), seconds };
      try {
        if (code !== 0) throw new Error(`exited with ${signal ?? code}: ${lastError(stderr)}`);
        const { title, figures } = JSON.parse(readFileSync(json, 'utf8')) as { title: string; figures: Figure[] };
        if (!Array.isArray(figures) || figures.length === 0) throw new Error('reported no figure');
        done({ ...base, title, figures });
      } catch (error) {
        done({ ...base, title: basename(file), figures: [], error: error instanceof Error ? error.message : String(error) });
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  });
}

/** The first line of the last error a crashed bench printed. */
function lastError(stderr: string): string {
  const line = stderr.split('\n').reverse().find((l) => /Error\b|error:/.test(l));
  return (line ?? stderr.trim().split('\n').pop() ?? 'no output').trim().slice(0, 300);
}

function version(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'missing';
  }
}

function quiet(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function runInfo(quick: boolean, loadAtStart: number[]): RunInfo {
  const commit = quiet('git', ['rev-parse', '--short', 'HEAD']);
  const dirty = quiet('git', ['status', '--porcelain', '--', 'src', 'bench', 'manifest.json', ':!bench/report.*', ':!bench/quick']) ? ' + uncommitted changes' : '';
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    quick,
    machine: {
      cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      os: `${type()} ${release()}`,
      loadAverage: { start: loadAtStart, end: loadavg() },
    },
    versions: {
      advocate: `${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version} (${commit}${dirty})`,
      node: process.versions.node,
      chromium: quiet(process.env.CHROME_PATH ?? '/usr/bin/chromium', ['--version']).replace(/ built on.*/, ''),
      'playwright-core': version('playwright-core'),
      'github-url-detection': version('github-url-detection'),
      'better-sqlite3': version('better-sqlite3'),
      vite: version('vite'),
    },
  };
}

/** Renders the SVG to a PNG with Chromium; null when Chromium cannot be started. */
async function renderPng(svg: string, png: string): Promise<string | null> {
  try {
    const { chromium } = await import('playwright-core');
    const { chromiumPath } = await import('../test/browser/chromium');
    const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const size = /width="(\d+)" height="(\d+)"/.exec(svg)!;
      const page = await browser.newPage({ viewport: { width: Number(size[1]), height: Number(size[2]) }, deviceScaleFactor: 2 });
      await page.setContent(`<body style="margin:0">${svg}</body>`);
      await page.screenshot({ path: png, fullPage: true });
      return png;
    } finally {
      await browser.close();
    }
  } catch (error) {
    console.error(`no PNG chart (${error instanceof Error ? error.message : String(error)}); the report links the SVG`);
    return null;
  }
}

export async function main(argv: string[]): Promise<number> {
  const quick = argv.includes('--quick');
  const only = argv.filter((a) => !a.startsWith('--'));
  const loadAtStart = loadavg();
  if (process.env.ADVOCATE_SKIP_BUILD !== '1') {
    const { build } = await import('vite');
    await build({ root: ROOT, logLevel: 'warn' });
  }
  const files = benchFiles().filter((f) => only.length === 0 || only.some((o) => basename(f, '.ts') === o));
  if (files.length === 0) throw new Error(`no bench matches ${only.join(', ')}`);
  const results: BenchResult[] = [];
  for (const file of files) {
    console.log(`\n=== bench/${basename(file)}${quick ? ' (quick)' : ''}`);
    const result = await runBenchFile(file, quick);
    console.log(result.error ? `!!! bench/${result.file} crashed: ${result.error}` : `--- ${result.figures.length} figures in ${result.seconds.toFixed(1)} s`);
    results.push(result);
  }
  const outDir = quick ? join(BENCH_DIR, 'quick') : BENCH_DIR;
  mkdirSync(outDir, { recursive: true });
  const info = runInfo(quick, loadAtStart);
  const svg = reportSvg(info, results);
  writeFileSync(join(outDir, 'report.svg'), svg);
  const png = await renderPng(svg, join(outDir, 'report.png'));
  writeFileSync(join(outDir, 'report.json'), reportJson(info, results));
  writeFileSync(join(outDir, 'report.md'), reportMarkdown(info, results, png ? 'report.png' : 'report.svg'));
  const crashed = results.filter((r) => r.error);
  console.log(`\nwrote ${join(outDir, 'report.md')}: ${results.reduce((n, r) => n + r.figures.length, 0)} figures from ${results.length - crashed.length}/${results.length} benches`);
  for (const r of crashed) console.error(`crashed: bench/${r.file}: ${r.error}`);
  return crashed.length > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) process.exitCode = await main(process.argv.slice(2));
