// Turns the figures of one `npm run bench` into bench/report.json (one entry per figure),
// bench/report.md (the table) and bench/report.svg (the chart). Pure: no I/O, so it is tested.
import { type Figure, passes, round } from '../figure';

export interface BenchResult {
  file: string;
  title: string;
  seconds: number;
  figures: Figure[];
  /** Set when the bench crashed: its figures are missing from the report. */
  error?: string;
}

export interface RunInfo {
  date: string;
  quick: boolean;
  machine: { cpu: string; cores: number; memoryGb: number; os: string; loadAverage: { start: number[]; end: number[] } };
  versions: Record<string, string>;
}

export interface ReportEntry {
  bench: string;
  name: string;
  value: number;
  unit: string;
  budget: number | null;
  budgetKind: 'max' | 'min';
  budgetNote: string | null;
  comparison: { name: string; value: number; unit: string } | null;
  noise: number | null;
  pass: boolean | null;
  note: string | null;
}

export function entries(results: readonly BenchResult[]): ReportEntry[] {
  return results.flatMap((r) =>
    r.figures.map((f) => ({
      bench: r.title,
      name: f.name,
      value: f.value,
      unit: f.unit,
      budget: f.budget,
      budgetKind: f.budgetKind ?? 'max',
      budgetNote: f.budgetNote ?? null,
      comparison: f.comparison ? { name: f.comparison.name, value: f.comparison.value, unit: f.comparison.unit ?? f.unit } : null,
      noise: f.noise ?? null,
      pass: passes(f),
      note: f.note ?? null,
    })),
  );
}

export function reportJson(info: RunInfo, results: readonly BenchResult[]): string {
  const crashed = results.filter((r) => r.error).map((r) => ({ file: r.file, error: r.error }));
  return `${JSON.stringify({ ...info, crashed, figures: entries(results) }, null, 2)}\n`;
}

/** A budget the same run's A/A noise floor already exceeds: its pass or fail says little. */
const unresolved = (e: ReportEntry) => e.budget !== null && e.noise !== null && e.noise >= e.budget;

const fmt = (n: number) => (Math.abs(n) >= 10_000 ? Math.round(n).toLocaleString('en-US') : String(round(n)));
const cell = (s: string) => s.replace(/\|/g, '\\|');

function budgetCell(e: ReportEntry): string {
  if (e.budget === null) return 'report';
  const bar = `${e.budgetKind === 'min' ? '≥' : '≤'} ${fmt(e.budget)} ${e.unit}`;
  return e.budgetNote ? `${bar} (${e.budgetNote})` : bar;
}

function passCell(e: ReportEntry): string {
  if (e.pass === null) return '—';
  return `${e.pass ? 'pass' : '**fail**'}${unresolved(e) ? ' ¹' : ''}`;
}

function comparisonCell(e: ReportEntry): string {
  if (!e.comparison) return '—';
  const ratio = e.noise === null && e.comparison.value !== 0 && e.comparison.unit === e.unit ? ` (ratio ${round(e.value / e.comparison.value)})` : '';
  return `${e.comparison.name}: ${fmt(e.comparison.value)} ${e.comparison.unit}${ratio}`;
}

export function reportMarkdown(info: RunInfo, results: readonly BenchResult[], chart: string | null): string {
  const all = entries(results);
  const load = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' / ');
  const lines = [
    `# Advocate benchmark report${info.quick ? ' (quick run: fewer repetitions, figures are not budgets)' : ''}`,
    '',
    `Run ${info.date} by \`npm run bench${info.quick ? ' -- --quick' : ''}\`. Every figure is a median of repeated runs with warm-up excluded, and every comparison was measured in the same process or browser run as its figure.`,
    '',
    `**Machine:** ${info.machine.cpu}, ${info.machine.cores} cores, ${info.machine.memoryGb} GB, ${info.machine.os}. ` +
      `**Versions:** ${Object.entries(info.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '',
    `**Noise.** This machine's ${info.machine.cores} cores are shared with other engineers' builds, tests and benchmarks, ` +
      `whose CPU use during this run makes today's absolute figures noisy (load average 1/5/15 min: ${load(info.machine.loadAverage.start)} at the start, ` +
      `${load(info.machine.loadAverage.end)} at the end). Only same-run comparisons and ratios mean anything; the A/A runs beside the browser figures show how far two identical sides already differ.`,
    '',
  ];
  if (chart) lines.push(`![Each budgeted figure against its budget, and Advocate against what it is compared with](${chart})`, '');
  lines.push('| figure | value | budget | pass | compared with, same run |', '| --- | --- | --- | --- | --- |');
  for (const e of all) lines.push(`| ${cell(e.name)} | ${fmt(e.value)} ${e.unit} | ${cell(budgetCell(e))} | ${passCell(e)} | ${cell(comparisonCell(e))} |`);
  if (all.some(unresolved)) lines.push('', '¹ The A/A noise floor measured in the same run is at least as large as the budget: this run cannot tell whether the budget is met.');
  const crashed = results.filter((r) => r.error);
  if (crashed.length) lines.push('', '## Benches that crashed', '', ...crashed.map((r) => `- \`${r.file}\`: ${r.error}`));
  lines.push('', '## Details', '');
  for (const r of results.filter((x) => !x.error)) {
    lines.push(`### ${r.title} (\`bench/${r.file}\`, ${round(r.seconds)} s)`, '');
    for (const f of r.figures) lines.push(`- **${f.name}**: ${fmt(f.value)} ${f.unit}${f.note ? ` — ${f.note}` : ''}`);
    lines.push('');
  }
  lines.push(
    '## How the browser figures are taken',
    '',
    '- Main-thread time: Chrome DevTools Protocol `Performance.getMetrics`, `ScriptDuration + TaskDuration` of the page, read after `load`, an idle callback and a short settle, each load in a fresh tab. `TaskDuration` already contains `ScriptDuration`, so the sum counts script time twice: an upper bound, as the benchmark issue defines the figure. Both are wall time, so CPU contention inflates them.',
    '- "With" is the browser\'s default profile with the built extension; "without" is a second browser context of the same browser, where the extension does not run (checked on every load through the page\'s execution contexts). The A/A floor is the same pairing in a second browser without the extension. On this machine a tab of the default profile reads consistently cheaper than one of a second context, so the raw figure reads low by about the A/A median; each figure\'s details give it minus the A/A median.',
    '- Popup: the popup page opened as a tab against a detected GitHub tab, timed to its `advocate:first-render` mark. Referrals are created through the extension\'s own `referrals.create` command while the endpoint is down; the sync is "Sync now" until the endpoint holds all of them.',
    '',
  );
  return lines.join('\n');
}

// ---- chart ----

interface Bar {
  label: string;
  /** x = 1 is the reference line (the budget, or the comparison). */
  x: number;
  color: string;
  text: string;
}

const X_MIN = 0.01;
const X_MAX = 20;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const GREEN = '#2e7d32';
const RED = '#c62828';
const GREY = '#78909c';
const AMBER = '#f9a825';
const colorOf = (e: ReportEntry) => (unresolved(e) ? AMBER : e.pass === null ? GREY : e.pass ? GREEN : RED);

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function budgetBars(all: ReportEntry[]): Bar[] {
  return all
    .filter((e) => e.budget !== null && e.budget > 0)
    .map((e) => {
      // Share of the budget used; for "at least" budgets, the budget over the value.
      const used = e.budgetKind === 'min' ? e.budget! / Math.max(e.value, 1e-9) : e.value / e.budget!;
      return { label: e.budgetNote ? `${e.name} (${e.budgetNote})` : e.name, x: used, color: colorOf(e), text: `${fmt(e.value)} ${e.unit} / ${e.budgetKind === 'min' ? '≥' : '≤'} ${fmt(e.budget!)}${unresolved(e) ? ' (in noise)' : ''}` };
    });
}

function peerBars(all: ReportEntry[]): Bar[] {
  return all
    .filter((e) => e.comparison && e.noise === null && e.comparison.unit === e.unit && e.comparison.value > 0 && e.value > 0)
    .map((e) => {
      const ratio = e.value / e.comparison!.value;
      return { label: `${e.name} vs ${e.comparison!.name}`, x: ratio, color: colorOf(e), text: `${round(ratio)}×` };
    });
}

function panel(title: string, bars: Bar[], top: number, width: number, reference: string): { svg: string; height: number } {
  const labelW = 540;
  const plotW = width - labelW - 230;
  const rowH = 22;
  const scale = (x: number) => labelW + ((Math.log10(Math.min(X_MAX, Math.max(X_MIN, x))) - Math.log10(X_MIN)) / (Math.log10(X_MAX) - Math.log10(X_MIN))) * plotW;
  const out: string[] = [`<text x="10" y="${top + 18}" font-size="15" font-weight="bold">${escapeXml(title)}</text>`];
  const y0 = top + 34;
  bars.forEach((b, i) => {
    const y = y0 + i * rowH;
    const x = scale(b.x);
    const origin = scale(X_MIN);
    out.push(
      `<text x="${labelW - 8}" y="${y + 14}" font-size="11" text-anchor="end">${escapeXml(short(b.label, 88))}</text>`,
      `<rect x="${origin}" y="${y + 3}" width="${Math.max(1, x - origin)}" height="${rowH - 7}" fill="${b.color}"${b.x <= X_MIN ? ' fill-opacity="0.4"' : ''}/>`,
      `<text x="${Math.max(x, origin) + 5}" y="${y + 14}" font-size="11">${escapeXml(b.text)}</text>`,
    );
  });
  const bottom = y0 + bars.length * rowH;
  const ref = scale(1);
  out.push(`<line x1="${ref}" y1="${y0 - 4}" x2="${ref}" y2="${bottom}" stroke="#333" stroke-dasharray="4 3"/>`, `<text x="${ref}" y="${bottom + 28}" font-size="11" text-anchor="middle">${escapeXml(reference)}</text>`);
  for (const tick of [0.01, 0.1, 1, 10]) out.push(`<text x="${scale(tick)}" y="${bottom + 14}" font-size="10" fill="#666" text-anchor="middle">${tick}×</text>`);
  return { svg: out.join('\n'), height: bottom + 36 - top };
}

/** The chart: each budgeted figure as a share of its budget, and each figure against its same-run peer (log scales). */
export function reportSvg(info: RunInfo, results: readonly BenchResult[]): string {
  const all = entries(results);
  const width = 1160;
  const a = panel('Share of the budget used (log scale; left of the line meets the budget)', budgetBars(all), 30, width, '1 = budget');
  const b = panel('Advocate against its same-run comparison (log scale; value ÷ comparison)', peerBars(all), 30 + a.height + 20, width, '1 = same as the comparison');
  const height = 30 + a.height + 20 + b.height + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="20" font-size="12" fill="#555">Advocate benchmarks, ${escapeXml(info.date)}${info.quick ? ' (quick run)' : ''}; green: meets its budget; red: misses it; amber: the A/A noise floor is larger than the budget; grey: reported without a budget</text>`,
    a.svg,
    b.svg,
    '</svg>',
    '',
  ].join('\n');
}
