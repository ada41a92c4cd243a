import type { ChartModel, Series } from './chart-model.js';

/**
 * Server-rendered SVG charts, readable without colour: every series has its
 * own dash pattern and marker (bars their own hatching), a legend names them,
 * and <title>/<desc> describe the chart to screen readers. No script, no style attribute.
 */
const W = 720;
const H = 300;
const PAD = { left: 84, right: 72, top: 16, bottom: 56 };
const COLOURS = ['#1d4e89', '#b5541c', '#2e7d32', '#6a1b9a'];
const DASHES = [undefined, '8 4', '2 4', '12 4 3 4'];
const MARKERS = ['circle', 'square', 'triangle', 'diamond'] as const;

/** A round step (1, 2 or 5 × 10^k) giving about four ticks up to max. */
export function niceScale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const rough = max / 4;
  const mag = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].map((k) => k * mag).find((s) => s >= rough) ?? 10 * mag) as number;
  return { top: Math.ceil(max / step) * step, step };
}

type Fmt = (value: number, s: Pick<Series, 'unit'>) => string;

function Marker({ kind, x, y, colour }: { kind: (typeof MARKERS)[number]; x: number; y: number; colour: string }) {
  if (kind === 'circle') return <circle cx={x} cy={y} r={3.5} fill={colour} />;
  if (kind === 'square') return <rect x={x - 3.5} y={y - 3.5} width={7} height={7} fill={colour} />;
  if (kind === 'triangle')
    return <path d={`M${x} ${y - 4.5}L${x + 4.5} ${y + 3.5}L${x - 4.5} ${y + 3.5}Z`} fill={colour} />;
  return <path d={`M${x} ${y - 5}L${x + 5} ${y}L${x} ${y + 5}L${x - 5} ${y}Z`} fill={colour} />;
}

function xLabelsEvery(n: number): number {
  return Math.max(1, Math.ceil(n / 8));
}

function Axis({
  side,
  top,
  step,
  unit,
  fmt,
  y,
}: {
  side: 'left' | 'right';
  top: number;
  step: number;
  unit: Series['unit'];
  fmt: Fmt;
  y: (v: number) => number;
}) {
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(v);
  const x = side === 'left' ? PAD.left : W - PAD.right;
  return (
    <g font-size="11" fill="#333" text-anchor={side === 'left' ? 'end' : 'start'}>
      {ticks.map((v) => (
        <g>
          {side === 'left' && (
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#ddd" stroke-width="1" />
          )}
          <text x={side === 'left' ? x - 6 : x + 6} y={y(v) + 4}>
            {fmt(v, { unit })}
          </text>
        </g>
      ))}
    </g>
  );
}

function Legend({ names }: { names: { name: string; i: number; bar?: boolean; dash?: string }[] }) {
  return (
    <g font-size="12" fill="#222">
      {names.map((n, k) => {
        const x = PAD.left + (k % 3) * 210;
        const y = H - 22 + Math.floor(k / 3) * 16 - (names.length > 3 ? 12 : 0);
        const colour = COLOURS[n.i % COLOURS.length] ?? '#000';
        return (
          <g>
            {n.bar ? (
              <rect x={x} y={y - 9} width={22} height={10} fill={`url(#pat-${n.i})`} stroke={colour} />
            ) : (
              <line
                x1={x}
                x2={x + 22}
                y1={y - 4}
                y2={y - 4}
                stroke={colour}
                stroke-width="2.5"
                stroke-dasharray={n.dash ?? DASHES[n.i % DASHES.length]}
              />
            )}
            <text x={x + 28} y={y}>
              {n.name}
            </text>
          </g>
        );
      })}
    </g>
  );
}

function Frame({ m, children }: { m: ChartModel; children: preact.ComponentChildren }) {
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby={`${m.id}-t ${m.id}-d`}>
      <title id={`${m.id}-t`}>{m.title}</title>
      <desc id={`${m.id}-d`}>{m.desc}</desc>
      {children}
    </svg>
  );
}

function XLabels({ m, x }: { m: ChartModel; x: (i: number) => number }) {
  const every = xLabelsEvery(m.x.length);
  return (
    <g font-size="11" fill="#333" text-anchor="middle">
      {m.x.map((label, i) =>
        i % every === 0 ? (
          <text x={x(i)} y={H - PAD.bottom + 16}>
            {label}
          </text>
        ) : null,
      )}
    </g>
  );
}

/** Lines over x buckets; series with axis 'right' use a second scale (e.g. hours beside money). */
export function LineChart({ m, fmt }: { m: ChartModel; fmt: Fmt }) {
  const left = m.series.filter((s) => s.axis !== 'right');
  const right = m.series.filter((s) => s.axis === 'right');
  const ls = niceScale(Math.max(0, ...left.flatMap((s) => s.values), m.reference?.value ?? 0));
  const rs = niceScale(Math.max(0, ...right.flatMap((s) => s.values)));
  const plotH = H - PAD.top - PAD.bottom;
  const yL = (v: number) => PAD.top + plotH - (Math.max(0, v) / ls.top) * plotH;
  const yR = (v: number) => PAD.top + plotH - (Math.max(0, v) / rs.top) * plotH;
  const n = Math.max(1, m.x.length - 1);
  const x = (i: number) => PAD.left + (i / n) * (W - PAD.left - PAD.right);
  const every = Math.max(1, Math.ceil(m.x.length / 24));
  return (
    <Frame m={m}>
      <Axis side="left" top={ls.top} step={ls.step} unit={left[0]?.unit ?? 'money'} fmt={fmt} y={yL} />
      {right.length > 0 && (
        <Axis side="right" top={rs.top} step={rs.step} unit={right[0]?.unit ?? 'minutes'} fmt={fmt} y={yR} />
      )}
      <line x1={PAD.left} x2={W - PAD.right} y1={yL(0)} y2={yL(0)} stroke="#555" />
      <XLabels m={m} x={x} />
      {m.series.map((s, i) => {
        const y = s.axis === 'right' ? yR : yL;
        const colour = COLOURS[i % COLOURS.length] ?? '#000';
        const d = s.values.map((v, k) => `${k === 0 ? 'M' : 'L'}${x(k).toFixed(1)} ${y(v).toFixed(1)}`).join('');
        return (
          <g>
            <path d={d} fill="none" stroke={colour} stroke-width="2.5" stroke-dasharray={DASHES[i % DASHES.length]} />
            {s.values.map((v, k) =>
              k % every === 0 || k === s.values.length - 1 ? (
                <Marker kind={MARKERS[i % MARKERS.length] ?? 'circle'} x={x(k)} y={y(v)} colour={colour} />
              ) : null,
            )}
          </g>
        );
      })}
      <Legend names={m.series.map((s, i) => ({ name: s.name, i }))} />
    </Frame>
  );
}

/** Grouped bars per x value, each series hatched differently; an optional dashed reference line. */
export function BarChart({ m, fmt }: { m: ChartModel; fmt: Fmt }) {
  const s0 = niceScale(Math.max(0, ...m.series.flatMap((s) => s.values), m.reference?.value ?? 0));
  const plotH = H - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH - (Math.max(0, v) / s0.top) * plotH;
  const slot = (W - PAD.left - PAD.right) / Math.max(1, m.x.length);
  const bw = Math.min(40, (slot * 0.7) / Math.max(1, m.series.length));
  const cx = (i: number) => PAD.left + slot * (i + 0.5);
  const names = m.series.map((s, i) => ({ name: s.name, i, bar: true }));
  if (m.reference) names.push({ name: m.reference.name, i: 3, bar: false, dash: '6 3' } as (typeof names)[number]);
  return (
    <Frame m={m}>
      <defs>
        {m.series.map((_, i) => (
          <pattern
            id={`pat-${i}`}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform={`rotate(${[45, -45, 0, 90][i % 4]})`}
          >
            <rect width="6" height="6" fill={COLOURS[i % COLOURS.length]} fill-opacity="0.35" />
            <line x1="0" y1="0" x2="0" y2="6" stroke={COLOURS[i % COLOURS.length]} stroke-width={i === 0 ? 0 : 3} />
          </pattern>
        ))}
      </defs>
      <Axis side="left" top={s0.top} step={s0.step} unit={m.series[0]?.unit ?? 'money'} fmt={fmt} y={y} />
      <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke="#555" />
      <XLabels m={m} x={cx} />
      {m.series.map((s, i) =>
        s.values.map((v, k) => {
          const x0 = cx(k) - (bw * m.series.length) / 2 + i * bw;
          return (
            <rect
              x={x0}
              y={y(v)}
              width={bw - 2}
              height={Math.max(0, y(0) - y(v))}
              fill={`url(#pat-${i})`}
              stroke={COLOURS[i % COLOURS.length]}
            >
              <title>{`${m.x[k]}: ${s.name} ${fmt(v, s)}`}</title>
            </rect>
          );
        }),
      )}
      {m.reference && m.reference.value > 0 && (
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={y(m.reference.value)}
          y2={y(m.reference.value)}
          stroke={COLOURS[3]}
          stroke-width="2"
          stroke-dasharray="6 3"
        />
      )}
      <Legend names={names} />
    </Frame>
  );
}
