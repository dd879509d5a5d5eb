// The one shape every benchmark reports, so `npm run bench` can gather them into one report.
// A bench file exports `bench: Bench` and, when run on its own, prints its figures.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface Figure {
  /** What was measured, for a person: "redirect /r/:code, requests per second". */
  name: string;
  value: number;
  unit: string;
  /** The bar, or null where the figure is only reported. */
  budget: number | null;
  /** Whether `value` must stay at most ('max', the default) or at least ('min') the budget. */
  budgetKind?: 'max' | 'min';
  /** The bar in words when it is derived from the comparison ("≥ 3× faster than github-url-detection"). */
  budgetNote?: string;
  /** What the figure is compared with, measured in the same run. */
  comparison?: { name: string; value: number; unit?: string } | null;
  /** The noise floor measured in the same run (an A/A run), in `unit`: a budget below it cannot be resolved. */
  noise?: number;
  note?: string;
}

export interface BenchOptions {
  /** Fewer repetitions: CI runs this so the benches cannot rot; the figures are not budgets then. */
  quick: boolean;
}

export interface Bench {
  title: string;
  run(options: BenchOptions): Promise<Figure[]>;
}

/** Median of a list of numbers (the middle one, or the mean of the two middle ones). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile, p in (0, 100]. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of nothing');
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** true/false against the budget, null where there is none. */
export function passes(f: Pick<Figure, 'value' | 'budget' | 'budgetKind'>): boolean | null {
  if (f.budget === null || !Number.isFinite(f.value)) return f.budget === null ? null : false;
  return f.budgetKind === 'min' ? f.value >= f.budget : f.value <= f.budget;
}

/** Rounds to `digits` significant digits, so reports do not print timer noise as precision. */
export function round(value: number, digits = 3): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(digits));
}

/**
 * Runs `contenders` in rounds, each round in a rotated order so none always runs first on a
 * noisy machine; the first `warmup` rounds are thrown away. Returns each one's samples (ms).
 */
export function interleave<K extends string>(rounds: number, warmup: number, contenders: Record<K, () => void>): Record<K, number[]> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < warmup + rounds; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(r + i) % names.length]!;
      const start = performance.now();
      contenders[name]();
      const ms = performance.now() - start;
      if (r >= warmup) samples[name].push(ms);
    }
  }
  return samples;
}

/** One line per figure, as `tsx bench/x.ts` prints them. */
export function describe(f: Figure): string {
  const cmp = f.comparison ? `  vs ${f.comparison.name}: ${f.comparison.value} ${f.comparison.unit ?? f.unit}` : '';
  const bar = f.budget === null ? '' : `  (budget ${f.budgetKind === 'min' ? '≥' : '≤'} ${round(f.budget)} ${f.unit}${f.budgetNote ? `: ${f.budgetNote}` : ''})`;
  return `${f.name}: ${f.value} ${f.unit}${bar}${cmp}${f.note ? `  — ${f.note}` : ''}`;
}

/**
 * Runs a bench file on its own: `tsx bench/x.ts [--quick]` prints its figures;
 * `--json FILE` also writes them there (that is how `npm run bench` collects them).
 */
export async function runStandalone(bench: Bench): Promise<void> {
  const quick = process.argv.includes('--quick');
  const jsonAt = process.argv.indexOf('--json');
  const figures = await bench.run({ quick });
  console.log(`# ${bench.title}${quick ? ' (quick)' : ''}`);
  for (const f of figures) console.log(describe(f));
  if (jsonAt > 0) writeFileSync(process.argv[jsonAt + 1]!, JSON.stringify({ title: bench.title, figures }));
}

/** True when this module is the script node was started with (so importing a bench runs nothing). */
export function isMain(meta: ImportMeta): boolean {
  return process.argv[1] !== undefined && resolve(process.argv[1]) === meta.filename;
}
