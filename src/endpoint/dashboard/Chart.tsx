// Clicks and conversions per day as inline SVG bars (no chart library), with the same numbers
// in a table for screen readers and anyone who prefers figures.
import type { Dashboard } from '../../core/protocol/admin';

const W = 720;
const H = 200;
const PAD = 28;

export function ActivityChart({ series }: { series: Dashboard['series'] }) {
  const max = Math.max(1, ...series.map((d) => d.clicks));
  const step = (W - PAD * 2) / Math.max(1, series.length);
  const y = (v: number) => H - PAD - (v / max) * (H - PAD * 2);
  const total = series.reduce((n, d) => n + d.clicks, 0);
  const conversions = series.reduce((n, d) => n + d.conversions, 0);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Clicks per day over ${count(series.length, 'day')}: ${count(total, 'click')}, ${count(conversions, 'conversion')}`}>
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} class="axis" />
        <text x={PAD - 4} y={y(max) + 4} text-anchor="end" class="tick">{max}</text>
        <text x={PAD - 4} y={H - PAD + 4} text-anchor="end" class="tick">0</text>
        {series.map((d, i) => (
          <g key={d.day}>
            <rect x={PAD + i * step + 1} y={y(d.clicks)} width={Math.max(1, step - 2)} height={H - PAD - y(d.clicks)} class="bar-clicks">
              <title>{`${d.day}: ${count(d.clicks, 'click')}, ${count(d.conversions, 'conversion')}`}</title>
            </rect>
            {d.conversions > 0 && <circle cx={PAD + i * step + step / 2} cy={y(d.clicks) - 6} r={4} class="dot-conversions" />}
          </g>
        ))}
        <text x={PAD} y={H - 8} class="tick">{series[0]?.day}</text>
        <text x={W - PAD} y={H - 8} text-anchor="end" class="tick">{series[series.length - 1]?.day}</text>
      </svg>
      <figcaption>
        <span class="key key-clicks" aria-hidden="true" /> clicks per day <span class="key key-conversions" aria-hidden="true" /> day with conversions
      </figcaption>
      <details>
        <summary>Show as a table</summary>
        <table>
          <thead>
            <tr><th scope="col">Day</th><th scope="col">Clicks</th><th scope="col">Conversions</th></tr>
          </thead>
          <tbody>
            {series.map((d) => (
              <tr key={d.day}><td>{d.day}</td><td>{d.clicks}</td><td>{d.conversions}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** "1 click", "2 clicks" (the dashboard is in English). */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
