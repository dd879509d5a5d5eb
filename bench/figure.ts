// The one shape every benchmark reports, so `npm run bench` can gather them into one report.
// A bench file exports `bench: Bench` and, when run on its own, prints its figures.

export interface Figure {
  /** What was measured, for a person: "redirect /r/:code, requests per second". */
  name: string;
  value: number;
  unit: string;
  /** The bar, or null where the figure is only reported. */
  budget: number | null;
  /** Whether `value` must stay at most ('max', the default) or at least ('min') the budget. */
  budgetKind?: 'max' | 'min';
  /** What the figure is compared with, measured in the same run. */
  comparison?: { name: string; value: number; unit?: string } | null;
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

/** Runs a bench file on its own: `tsx bench/x.ts [--quick]` prints its figures. */
export async function runStandalone(bench: Bench): Promise<void> {
  const quick = process.argv.includes('--quick');
  const figures = await bench.run({ quick });
  console.log(`# ${bench.title}${quick ? ' (quick)' : ''}`);
  for (const f of figures) {
    const cmp = f.comparison ? `  vs ${f.comparison.name}: ${f.comparison.value} ${f.comparison.unit ?? f.unit}` : '';
    const bar = f.budget === null ? '' : `  (budget ${f.budgetKind === 'min' ? '≥' : '≤'} ${f.budget} ${f.unit})`;
    console.log(`${f.name}: ${f.value} ${f.unit}${bar}${cmp}${f.note ? `  — ${f.note}` : ''}`);
  }
}
