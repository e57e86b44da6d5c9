import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  ChartAxes,
  HEIGHT,
  PAD,
  ThresholdLine,
  WIDTH,
  yScale,
} from './chartFrame';

export type ChartSeries = {
  name: string;
  points: Array<{ t: number; v: number }>;
  dashed?: boolean;
};

export type ChartThreshold = { value: number; label: string; severe?: boolean };

/**
 * Lines over time (timestamps in seconds), with horizontal thresholds. Plain SVG: no chart library, an
 * accessible name, and a `<title>` per line for hovering.
 */
export function TimeSeriesChart(props: {
  title: string;
  series: ChartSeries[];
  thresholds?: ChartThreshold[];
  format: (value: number) => string;
}) {
  const theme = useTheme();
  const { series, format } = props;
  const thresholds = props.thresholds ?? [];
  const all = series.flatMap(s => s.points);
  const tMin = Math.min(...all.map(p => p.t));
  const tMax = Math.max(...all.map(p => p.t));
  const yMax =
    Math.max(...all.map(p => p.v), ...thresholds.map(t => t.value), 0) * 1.15 ||
    1;
  const x = (t: number) =>
    PAD.left +
    (tMax > tMin
      ? ((t - tMin) / (tMax - tMin)) * (WIDTH - PAD.left - PAD.right)
      : (WIDTH - PAD.left - PAD.right) / 2);
  const y = yScale(yMax);
  const palette = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.info?.main ?? '#0288d1',
  ];
  const time = (t: number) =>
    new Date(t * 1000).toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
    });
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
        <ChartAxes max={yMax} format={format} />
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
            />
          )),
        )}
        {all.length ? (
          <>
            <text
              x={PAD.left}
              y={HEIGHT - 8}
              fontSize={10}
              fill={theme.palette.text.secondary}
            >
              {time(tMin)}
            </text>
            <text
              x={WIDTH - PAD.right}
              y={HEIGHT - 8}
              fontSize={10}
              textAnchor="end"
              fill={theme.palette.text.secondary}
            >
              {time(tMax)}
            </text>
          </>
        ) : (
          <text
            x={PAD.left}
            y={HEIGHT - 8}
            fontSize={10}
            fill={theme.palette.text.secondary}
          >
            no data in this range
          </text>
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
