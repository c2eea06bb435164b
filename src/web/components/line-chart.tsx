import './line-chart.css';

const W = 640;
const H = 200;
const PAD = { left: 28, right: 8, top: 10, bottom: 22 };

export interface ChartSeries {
  key: string;
  /** One value per x position; null is a gap (no data), never a zero. */
  values: readonly (number | null)[];
  /** Series after the first are drawn dashed/dotted too, so they differ without colour. */
  variant?: 1 | 2 | 3;
}

/**
 * A small inline SVG line chart (no chart library): one polyline per run of consecutive values,
 * a dot per value, gridlines at `yTicks`. It is one image with a summary `label` for screen
 * readers; every caller shows the same numbers in a table too.
 */
export function LineChart({ series, xLabels, yMin, yMax, yTicks, label }: { series: readonly ChartSeries[]; xLabels: readonly string[]; yMin: number; yMax: number; yTicks: readonly number[]; label: string }) {
  const n = xLabels.length;
  const x = (i: number) => PAD.left + (n <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const y = (v: number) => PAD.top + ((yMax - v) * (H - PAD.top - PAD.bottom)) / (yMax - yMin);
  const tickEvery = Math.max(1, Math.ceil(n / 7));
  return (
    <svg className="trend-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="none">
      {yTicks.map((m) => (
        <g key={m}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(m)} y2={y(m)} className="trend-chart__grid" />
          <text x={PAD.left - 8} y={y(m) + 4} textAnchor="end" className="trend-chart__label">
            {m}
          </text>
        </g>
      ))}
      {series.map((s) => {
        // Runs of consecutive values become one polyline each.
        const runs: string[] = [];
        let run: string[] = [];
        s.values.forEach((v, i) => {
          if (v === null) {
            if (run.length) runs.push(run.join(' '));
            run = [];
          } else run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
        });
        if (run.length) runs.push(run.join(' '));
        const variant = s.variant ? ` trend-chart__line--${s.variant}` : '';
        return (
          <g key={s.key}>
            {runs.map((points, i) => (
              <polyline key={i} points={points} className={`trend-chart__line${variant}`} />
            ))}
            {s.values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={n > 40 ? 2.5 : 4} className={`trend-chart__dot${variant}`} />))}
          </g>
        );
      })}
      {xLabels.map((l, i) =>
        i % tickEvery === 0 ? (
          // The first and last labels sit at the chart's edges: anchored at their own edge so they are not cut in half.
          <text key={`t-${i}`} x={x(i)} y={H - 6} textAnchor={n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle'} className="trend-chart__label">
            {l}
          </text>
        ) : null,
      )}
    </svg>
  );
}
