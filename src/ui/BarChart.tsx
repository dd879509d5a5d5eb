// A small horizontal bar chart in inline SVG. Decorative: the numbers it draws are always
// shown as text next to it, so it is hidden from assistive technology.

export interface BarSeries {
  name: string;
  /** CSS class giving the bar its colour (see styles.css .bar-*). */
  className: string;
}

export interface BarRow {
  label: string;
  values: number[];
}

const BAR = 8;
const GAP = 2;
const ROW_GAP = 8;
const WIDTH = 200;

export function BarChart({ series, rows }: { series: BarSeries[]; rows: BarRow[] }) {
  const max = Math.max(1, ...rows.flatMap((row) => row.values));
  const rowHeight = series.length * (BAR + GAP) + ROW_GAP;
  const height = rows.length * rowHeight;
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} aria-hidden="true" focusable="false">
      {rows.map((row, r) =>
        row.values.map((value, s) => (
          <rect
            class={series[s]?.className}
            x={0}
            y={r * rowHeight + s * (BAR + GAP)}
            height={BAR}
            width={value > 0 ? Math.max(2, (value / max) * WIDTH) : 0}
            rx={2}
          >
            <title>{`${row.label} · ${series[s]?.name}: ${value}`}</title>
          </rect>
        )),
      )}
    </svg>
  );
}
