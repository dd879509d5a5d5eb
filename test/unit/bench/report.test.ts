// The benchmark report's own logic: pass/fail against budgets, one JSON entry per figure, the
// Markdown table, the chart, and the runner's rule that a crash fails `npm run bench` while a
// missed budget does not.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { type Figure, interleave, median, passes, percentile, round } from '../../../bench/figure';
import { type BenchResult, type RunInfo, entries, reportJson, reportMarkdown, reportSvg } from '../../../bench/lib/report';
import { benchFiles, runBenchFile } from '../../../bench/run';

const info: RunInfo = {
  date: '2026-12-01T12:00:00Z',
  quick: false,
  machine: { cpu: 'Test CPU', cores: 2, memoryGb: 24, os: 'Linux 6', loadAverage: { start: [1, 2, 3], end: [4, 5, 6] } },
  versions: { node: '20.0.0', 'github-url-detection': '10.2.3' },
};

const figures: Figure[] = [
  { name: 'content script, gzipped', value: 5.6, unit: 'KB', budget: 10 },
  { name: 'redirect <valid>', value: 700, unit: 'req/s', budget: 800, budgetKind: 'min', budgetNote: '≥ 0.8 of the bare server', comparison: { name: 'bare 302', value: 1000 } },
  { name: 'main-thread time added', value: 3, unit: 'ms', budget: 1, noise: 8, comparison: { name: 'A/A', value: -8 } },
  { name: 'heap', value: 2, unit: 'MB', budget: null, note: 'after GC' },
];
const results: BenchResult[] = [
  { file: 'a.ts', title: 'A', seconds: 1.5, figures },
  { file: 'b.ts', title: 'b.ts', seconds: 0.2, figures: [], error: 'exited with 1: Error: boom' },
];

describe('figures', () => {
  test('pass against at-most and at-least budgets, null without one, false for a missing value', () => {
    expect(passes({ value: 10, budget: 10 })).toBe(true);
    expect(passes({ value: 10.1, budget: 10 })).toBe(false);
    expect(passes({ value: 800, budget: 800, budgetKind: 'min' })).toBe(true);
    expect(passes({ value: 799, budget: 800, budgetKind: 'min' })).toBe(false);
    expect(passes({ value: 5, budget: null })).toBeNull();
    expect(passes({ value: Number.NaN, budget: 1 })).toBe(false);
  });

  test('median, percentile and rounding', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 95)).toBe(19);
    expect(round(0.000123456)).toBe(0.000123);
    expect(round(123456)).toBe(123000);
  });

  test('interleave rotates who goes first and drops the warm-up rounds', () => {
    const order: string[] = [];
    const samples = interleave(3, 2, { a: () => void order.push('a'), b: () => void order.push('b') });
    expect(samples.a).toHaveLength(3);
    expect(samples.b).toHaveLength(3);
    expect(order.join('')).toBe('ab' + 'ba' + 'ab' + 'ba' + 'ab');
  });
});

describe('report', () => {
  test('report.json has one entry per figure with its name, value, unit, budget, comparison and pass', () => {
    const json = JSON.parse(reportJson(info, results)) as { figures: ReturnType<typeof entries>; crashed: unknown[]; machine: unknown; versions: unknown; date: string };
    expect(json.figures).toHaveLength(4);
    expect(json.figures[1]).toMatchObject({ name: 'redirect <valid>', value: 700, unit: 'req/s', budget: 800, comparison: { name: 'bare 302', value: 1000, unit: 'req/s' }, pass: false });
    expect(json.figures[3]).toMatchObject({ budget: null, comparison: null, pass: null });
    expect(json.crashed).toEqual([{ file: 'b.ts', error: 'exited with 1: Error: boom' }]);
    expect(json).toMatchObject({ date: info.date, machine: info.machine, versions: info.versions });
  });

  test('report.md: machine, versions, date, the noise warning, a row per figure and the crashed bench', () => {
    const md = reportMarkdown(info, results, 'report.png');
    expect(md).toContain('Test CPU, 2 cores');
    expect(md).toContain('github-url-detection 10.2.3');
    expect(md).toContain(info.date);
    expect(md).toContain("other engineers' builds");
    expect(md).toContain('![');
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| figure') && !l.startsWith('| ---'));
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain('**fail**');
    expect(rows[1]).toContain('ratio 0.7');
    // The budget sits below the A/A noise: marked as not resolved.
    expect(rows[2]).toMatch(/\*\*fail\*\* ¹/);
    expect(md).toContain('`b.ts`: exited with 1: Error: boom');
  });

  test('the chart has a bar per budgeted figure and per peer comparison, with text escaped', () => {
    const svg = reportSvg(info, results);
    expect(svg.startsWith('<svg')).toBe(true);
    // 3 budgeted figures + 1 peer comparison (the A/A one is a noise floor, not a peer).
    expect(svg.match(/<rect x=/g)).toHaveLength(4);
    expect(svg).toContain('redirect &lt;valid&gt;');
    expect(svg).not.toContain('<valid>');
  });
});

describe('runner', () => {
  const dir = mkdtempSync(join(tmpdir(), 'advocate-bench-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const figureModule = resolve(import.meta.dirname, '../../../bench/figure.ts');
  const write = (name: string, body: string) => {
    const file = join(dir, name);
    writeFileSync(file, `import { runStandalone } from ${JSON.stringify(figureModule)};\n${body}\n`);
    return file;
  };

  test('every bench file in bench/ is found, helpers are not', () => {
    const names = benchFiles().map((f) => f.split('/').pop());
    expect(names).toContain('url-classification.ts');
    expect(names).toContain('page-load.ts');
    expect(names).not.toContain('figure.ts');
    expect(names).not.toContain('run.ts');
  });

  test('a missed budget is a result, not a crash', { timeout: 30_000 }, async () => {
    const file = write('slow.mts', `await runStandalone({ title: 'Slow', run: async () => [{ name: 'x', value: 2, unit: 'ms', budget: 1 }] });`);
    const result = await runBenchFile(file, true, false);
    expect(result.error).toBeUndefined();
    expect(result.title).toBe('Slow');
    expect(entries([result])[0]!.pass).toBe(false);
  });

  test('a bench that throws is reported as crashed, with its error', { timeout: 30_000 }, async () => {
    const file = write('crash.mts', `await runStandalone({ title: 'Crash', run: async () => { throw new Error('the endpoint never started'); } });`);
    const result = await runBenchFile(file, true, false);
    expect(result.error).toMatch(/exited with 1: .*the endpoint never started/);
    expect(result.figures).toEqual([]);
  });
});
