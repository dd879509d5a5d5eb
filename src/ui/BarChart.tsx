// A small horizontal bar chart in inline SVG, with what a chart needs to be read: a title, a
// legend, each row's label, each bar's value, and an x axis from 0 with its ticks. The same
// numbers are in the table beside it, so the drawing itself is hidden from assistive technology.

export interface BarSeries {
  name: string;
  /** CSS class giving the bar its colour (see styles.css .bar-*). */
  className: string;
}

export interface BarRow {
  label: string;
  values: number[];
}

const BAR = 9;
const GAP = 2;
const ROW_GAP = 10;
const WIDTH = 340;
const LABEL = 96; // left column: the row labels
const VALUE = 34; // right of the longest bar: its value
const AXIS = 18; // below the rows: the axis and its tick labels
const PLOT = WIDTH - LABEL - VALUE;

/** 0, a round middle and a round top at or above the largest value. */
export function axisTicks(max: number): number[] {
  if (max <= 1) return [0, 1];
  const step = 10 ** Math.floor(Math.log10(max));
  const top = [1, 2, 2.5, 5, 10].map((m) => m * step).find((candidate) => candidate >= max) ?? 10 * step;
  return Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top];
}

const clip = (label: string) => (label.length > 16 ? `${label.slice(0, 15)}…` : label);

export function BarChart({ title, series, rows, format = String }: { title: string; series: BarSeries[]; rows: BarRow[]; format?: (n: number) => string }) {
  const ticks = axisTicks(Math.max(0, ...rows.flatMap((row) => row.values)));
  const top = ticks[ticks.length - 1]!;
  const rowHeight = series.length * (BAR + GAP) + ROW_GAP;
  const plotHeight = rows.length * rowHeight;
  const height = plotHeight + AXIS;
  const x = (value: number) => LABEL + (value / top) * PLOT;
  return (
    <figure class="chart-figure">
      <figcaption class="chart-title">{title}</figcaption>
      <p class="legend" aria-hidden="true">
        {series.map((s) => (
          <span key={s.name} class="legend-item">
            <span class={`swatch ${s.className}`} /> {s.name}
          </span>
        ))}
      </p>
      <svg class="chart" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" aria-hidden="true" focusable="false">
        {ticks.map((tick) => (
          <g key={tick} class="chart-tick">
            <line x1={x(tick)} x2={x(tick)} y1={0} y2={plotHeight} class={tick === 0 ? 'chart-axis' : 'chart-grid'} />
            <text x={x(tick)} y={plotHeight + 13} text-anchor="middle" class="chart-label">
              {format(tick)}
            </text>
          </g>
        ))}
        <line x1={LABEL} x2={LABEL + PLOT} y1={plotHeight} y2={plotHeight} class="chart-axis" />
        {rows.map((row, r) => (
          <g key={row.label} class="chart-row">
            <text x={LABEL - 6} y={r * rowHeight + (series.length * (BAR + GAP)) / 2 + 3} text-anchor="end" class="chart-label">
              {clip(row.label)}
            </text>
            {row.values.map((value, s) => {
              const y = r * rowHeight + s * (BAR + GAP);
              const width = value > 0 ? Math.max(2, (value / top) * PLOT) : 0;
              return (
                <g key={s}>
                  <rect class={series[s]?.className} x={LABEL} y={y} height={BAR} width={width} rx={2} />
                  <text x={LABEL + width + 4} y={y + BAR - 1} class="chart-value">
                    {format(value)}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </figure>
  );
}
