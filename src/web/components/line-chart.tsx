import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import './line-chart.css';

/** The drawing's size until the chart has been measured (its CSS size on a wide screen). */
const DEFAULT_SIZE = { w: 640, h: 200 };
// Wider than the largest dot's radius on every side, so no dot is clipped by the frame.
const PAD = { left: 28, right: 8, top: 10, bottom: 22 };
/** The room an x label needs, so that labels never overlap on a narrow screen. */
const LABEL_SPACING = 56;

/**
 * The svg's own size in CSS pixels, followed as it changes: the chart is drawn in those units, so
 * nothing is stretched (a dot stays round, a label keeps its shape) at any width.
 */
function useMeasuredSize(ref: RefObject<SVGSVGElement | null>) {
  const [size, setSize] = useState(DEFAULT_SIZE);
  useLayoutEffect(() => {
    const svg = ref.current;
    if (!svg) return;
    const measure = () => {
      const w = svg.clientWidth;
      const h = svg.clientHeight;
      if (w > 0 && h > 0) setSize((s) => (s.w === w && s.h === h ? s : { w, h }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(svg);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

export interface ChartSeries {
  key: string;
  /** One value per x position; null is a gap (no data), never a zero. */
  values: readonly (number | null)[];
  /** Series after the first are drawn dashed/dotted too, so they differ without colour. */
  variant?: 1 | 2 | 3;
}

/**
 * A small inline SVG line chart (no chart library): one polyline per run of consecutive values,
 * a dot per value, gridlines at `yTicks`. Drawn in the svg's measured CSS pixels (not stretched to
 * fit), so dots stay round and whole and labels keep their shape on a narrow phone. It is one image with a summary `label` for screen
 * readers; every caller shows the same numbers in a table too.
 */
export function LineChart({ series, xLabels, yMin, yMax, yTicks, label }: { series: readonly ChartSeries[]; xLabels: readonly string[]; yMin: number; yMax: number; yTicks: readonly number[]; label: string }) {
  const ref = useRef<SVGSVGElement>(null);
  const { w: W, h: H } = useMeasuredSize(ref);
  const n = xLabels.length;
  const x = (i: number) => PAD.left + (n <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const y = (v: number) => PAD.top + ((yMax - v) * (H - PAD.top - PAD.bottom)) / (yMax - yMin);
  const maxLabels = Math.max(2, Math.min(7, Math.floor((W - PAD.left - PAD.right) / LABEL_SPACING)));
  const tickEvery = Math.max(1, Math.ceil(n / maxLabels));
  return (
    <svg ref={ref} className="trend-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
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
