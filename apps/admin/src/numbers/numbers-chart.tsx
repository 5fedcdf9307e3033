import { REGISTRY_BUCKETS, type RegistryBucket } from '@vigil/domain';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  LabelList,
  Legend,
  Line,
  Scatter,
  XAxis,
  YAxis,
} from 'recharts';
import type { ApiOutputs } from '../trpc.ts';
import { countText } from './count-text.ts';

type Series = ApiOutputs['counts']['series'];

/** Colours of the registry's buckets, stacked from the best news at the bottom to the worst. */
const BUCKET_COLOURS: Record<RegistryBucket, string> = {
  held_alive: '#3f8f63',
  held_other: '#d6a13a',
  contact_lost: '#c0513f',
  released: '#5b8fc7',
  dead: '#59636e',
  unknown: '#b7bec6',
};
const CLAIM_COLOUR = '#4b3a8c';
const NAMED_COLOUR = '#163a5a';
const DAY_MS = 86_400_000;
const CHART_HEIGHT = 400;

const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const monthYear = (t: number) =>
  new Date(t).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

interface ClaimPoint {
  t: number;
  y: number;
  /** Distance from `y` down to the minimum and up to the maximum; zero for a single number. */
  range: [number, number];
  number: string;
  claimant: string;
}

/**
 * Every count claim as a point over time (a range when its minimum and maximum differ),
 * labelled with who claims it, over the registry's own counts on the same time axis: what the
 * registry can prove, stacked by bucket, with the number of persons it names as a line.
 */
export function NumbersChart({ series }: { series: Series }) {
  const registry = series.registry.map((row) => ({ ...row, t: dayOf(row.asOf) }));
  const claims: ClaimPoint[] = series.claims.map((c) => {
    const y = (c.min + c.max) / 2;
    return {
      t: dayOf(c.asOfEarliest),
      y,
      range: [y - c.min, c.max - y],
      number: countText(c),
      claimant: c.claimant,
    };
  });
  const times = [...registry.map((r) => r.t), ...claims.map((c) => c.t)];
  if (times.length === 0) return null;
  const first = Math.min(...times);
  const last = Math.max(...times);
  const pad = Math.max((last - first) * 0.04, 30 * DAY_MS);
  const domain: [number, number] = [first - pad, last + pad];
  const years: number[] = [];
  for (
    let year = new Date(domain[0]).getUTCFullYear() + 1;
    year <= new Date(domain[1]).getUTCFullYear();
    year++
  )
    years.push(Date.UTC(year, 0, 1));
  const middle = (domain[0] + domain[1]) / 2;

  const summary = `Numbers claimed by sources: ${series.claims
    .map((c) => `${countText(c)} (${c.claimant}, ${c.asOf})`)
    .join('; ')}. The registry names ${registry.at(-1)?.named ?? 0} persons today.`;

  return (
    <figure className="chart" aria-label={summary} data-testid="numbers-chart">
      <ComposedChart
        responsive
        style={{ width: '100%', height: CHART_HEIGHT }}
        margin={{ top: 24, right: 24, bottom: 8, left: 0 }}
      >
        <CartesianGrid stroke="#e3e7ec" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={domain}
          ticks={years.length > 1 ? years : undefined}
          tickFormatter={(t: number) =>
            years.length > 1 ? String(new Date(t).getUTCFullYear()) : monthYear(t)
          }
        />
        <YAxis allowDecimals={false} width={48} />
        {REGISTRY_BUCKETS.map((bucket) => (
          <Area
            key={bucket}
            data={registry}
            dataKey={bucket}
            name={series.buckets[bucket]}
            stackId="registry"
            type="stepAfter"
            stroke={BUCKET_COLOURS[bucket]}
            fill={BUCKET_COLOURS[bucket]}
            fillOpacity={0.55}
            isAnimationActive={false}
          />
        ))}
        <Line
          data={registry}
          dataKey="named"
          name="named in the registry"
          type="stepAfter"
          stroke={NAMED_COLOUR}
          strokeWidth={2}
          strokeDasharray="6 4"
          dot={{ r: 3 }}
          isAnimationActive={false}
        />
        <Scatter
          data={claims}
          dataKey="y"
          name="number claimed by a source"
          fill={CLAIM_COLOUR}
          shape="diamond"
          legendType="diamond"
          isAnimationActive={false}
        >
          <ErrorBar dataKey="range" direction="y" width={8} stroke={CLAIM_COLOUR} />
          <LabelList
            dataKey="number"
            content={(props) => (
              <ClaimLabel
                x={Number(props.x)}
                y={Number(props.y)}
                point={claims[Number(props.index)]}
                toLeft={claims[Number(props.index)]!.t > middle}
              />
            )}
          />
        </Scatter>
        {/* In the order drawn: claims, the named line, then the buckets bottom up. */}
        <Legend
          itemSorter={null}
          verticalAlign="bottom"
          wrapperStyle={{ fontSize: 13, paddingTop: 8 }}
        />
      </ComposedChart>
      <figcaption className="muted small">
        Diamonds: numbers claimed by sources, each labelled with its claimant. Shaded: what the
        registry itself can prove on each day, by bucket; dashed line: persons it names.
      </figcaption>
    </figure>
  );
}

/** A white outline under label text, so that it stays readable over the shaded areas. */
const HALO = {
  stroke: '#fff',
  strokeWidth: 4,
  strokeLinejoin: 'round',
  paintOrder: 'stroke',
} as const;

/**
 * The number and its claimant beside a point; on the right half of the chart the label goes to
 * the left of the point so that it stays inside the chart.
 */
function ClaimLabel({
  x,
  y,
  point,
  toLeft,
}: {
  x: number;
  y: number;
  point: ClaimPoint | undefined;
  toLeft: boolean;
}) {
  if (!point || Number.isNaN(x) || Number.isNaN(y)) return null;
  const dx = toLeft ? -12 : 12;
  const anchor = toLeft ? 'end' : 'start';
  return (
    <g className="chart-claim-label">
      <text
        x={x + dx}
        y={y - 4}
        textAnchor={anchor}
        fontWeight={700}
        fontSize={14}
        fill={CLAIM_COLOUR}
        {...HALO}
      >
        {point.number}
      </text>
      <text x={x + dx} y={y + 12} textAnchor={anchor} fontSize={12} fill="#1d2733" {...HALO}>
        {point.claimant}
      </text>
    </g>
  );
}
