import { type ChartModel, HBAR_MAX, type Series } from './chart-model.js';
import { niceScale } from './charts.js';

const W = 720;
const LABEL = 170;
const VALUE = 110;
const ROW = 26;
const TOP = 8;
const AXIS = 30;
const COLOUR = '#1d4e89';

type Fmt = (value: number, s: Pick<Series, 'unit'>) => string;

/**
 * One horizontal bar per x value (the first drawn series, e.g. net per country),
 * labelled on the left and with its value written at its end, so it reads without
 * colour; hatched like the other bar charts. A negative value draws no bar.
 */
export function HBarChart({ m, fmt }: { m: ChartModel; fmt: Fmt }) {
  const s = m.series.find((x) => !x.tableOnly);
  if (!s) return null;
  const rows = m.x.slice(0, HBAR_MAX).map((label, i) => ({ label, v: s.values[i] ?? 0 }));
  const scale = niceScale(Math.max(0, ...rows.map((r) => r.v)));
  const plotW = W - LABEL - VALUE;
  const x = (v: number) => LABEL + (Math.max(0, v) / scale.top) * plotW;
  const h = TOP + Math.max(1, rows.length) * ROW + AXIS;
  const ticks: number[] = [];
  for (let v = 0; v <= scale.top + scale.step / 2; v += scale.step) ticks.push(v);
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${h}`} width="100%" role="img" aria-labelledby={`${m.id}-t ${m.id}-d`}>
      <title id={`${m.id}-t`}>{m.title}</title>
      <desc id={`${m.id}-d`}>{m.desc}</desc>
      <defs>
        <pattern id={`${m.id}-pat`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill={COLOUR} fill-opacity="0.35" />
          <line x1="0" y1="0" x2="0" y2="6" stroke={COLOUR} stroke-width="2" />
        </pattern>
      </defs>
      <g font-size="11" fill="#333" text-anchor="middle">
        {ticks.map((v) => (
          <g>
            <line x1={x(v)} x2={x(v)} y1={TOP} y2={h - AXIS} stroke="#ddd" stroke-width="1" />
            <text x={x(v)} y={h - AXIS + 16}>
              {fmt(v, s)}
            </text>
          </g>
        ))}
      </g>
      <line x1={LABEL} x2={LABEL} y1={TOP} y2={h - AXIS} stroke="#555" />
      <g font-size="12" fill="#222">
        {rows.map((r, i) => {
          const y = TOP + i * ROW;
          return (
            <g>
              <text x={LABEL - 8} y={y + ROW / 2 + 4} text-anchor="end">
                {r.label.length > 24 ? `${r.label.slice(0, 23)}…` : r.label}
              </text>
              <rect
                x={LABEL}
                y={y + 5}
                width={Math.max(0, x(r.v) - LABEL)}
                height={ROW - 10}
                fill={`url(#${m.id}-pat)`}
                stroke={COLOUR}
              >
                <title>{`${r.label}: ${s.name} ${fmt(r.v, s)}`}</title>
              </rect>
              <text x={x(r.v) + 6} y={y + ROW / 2 + 4}>
                {fmt(r.v, s)}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
