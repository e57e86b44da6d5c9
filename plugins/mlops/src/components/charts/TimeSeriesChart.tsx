import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  ChartAxes,
  HEIGHT,
  PAD,
  ThresholdLine,
  WIDTH,
  xScale,
  yScale,
} from './chartFrame';
import { ChartUnit, formatIn } from './chartUnits';

export type ChartSeries = {
  name: string;
  points: Array<{ t: number; v: number }>;
  dashed?: boolean;
};

export type ChartThreshold = { value: number; label: string; severe?: boolean };

/**
 * Lines over time (timestamps in seconds), with horizontal thresholds, the unit on the value axis and a time
 * axis. Values and thresholds are raw (as the backend answers them); `unit` says how they read. Plain SVG: no
 * chart library, an accessible name, and a `<title>` per line and per point for hovering.
 */
export function TimeSeriesChart(props: {
  title: string;
  series: ChartSeries[];
  thresholds?: ChartThreshold[];
  unit: ChartUnit;
}) {
  const theme = useTheme();
  const { series, unit } = props;
  const thresholds = props.thresholds ?? [];
  const all = series.flatMap(s => s.points);
  const tMin = Math.min(...all.map(p => p.t));
  const tMax = Math.max(...all.map(p => p.t));
  const yMax =
    Math.max(...all.map(p => p.v), ...thresholds.map(t => t.value), 0) * 1.15 ||
    1;
  const toX = xScale(tMin * 1000, tMax * 1000);
  const x = (t: number) => toX(t * 1000);
  const y = yScale(yMax);
  const palette = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.info?.main ?? '#0288d1',
  ];
  return (
    <figure style={{ margin: 0, flex: '1 1 320px' }}>
      <Typography variant="subtitle2" component="figcaption">
        {props.title}
      </Typography>
      <svg
        role="img"
        aria-label={`${props.title}: ${
          series.map(s => s.name).join(', ') || 'no data'
        }`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
      >
        <ChartAxes
          max={yMax}
          unit={unit}
          time={all.length ? { from: tMin * 1000, to: tMax * 1000 } : undefined}
          empty="no data in this range"
        />
        {thresholds.map(t => (
          <ThresholdLine
            key={t.label}
            max={yMax}
            value={t.value}
            label={t.label}
            colour={
              t.severe
                ? theme.palette.error.main
                : theme.palette.warning?.main ?? '#ed6c02'
            }
          />
        ))}
        {series.map((s, i) => (
          <polyline
            key={s.name}
            fill="none"
            stroke={palette[i % palette.length]}
            strokeWidth={2}
            strokeDasharray={s.dashed ? '4 3' : undefined}
            points={s.points
              .map(p => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`)
              .join(' ')}
          >
            <title>{s.name}</title>
          </polyline>
        ))}
        {series.map((s, i) =>
          // Dots too, so a series of one point (a fresh Prometheus) still shows.
          s.points.map(p => (
            <circle
              key={`${s.name}-${p.t}`}
              cx={x(p.t)}
              cy={y(p.v)}
              r={2}
              fill={palette[i % palette.length]}
            >
              <title>{`${s.name} ${new Date(
                p.t * 1000,
              ).toLocaleTimeString()}: ${formatIn(unit, p.v)}`}</title>
            </circle>
          )),
        )}
        {series.map((s, i) => (
          <text
            key={`legend-${s.name}`}
            x={PAD.left + 8 + i * 110}
            y={PAD.top + 10}
            fontSize={10}
            fill={palette[i % palette.length]}
          >
            {s.name}
          </text>
        ))}
      </svg>
    </figure>
  );
}
