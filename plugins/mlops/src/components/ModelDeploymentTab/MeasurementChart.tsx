import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  RolloutAnalysisSummary,
  RolloutEvent,
} from '@mlops-portal/plugin-mlops-common';
import {
  ChartAxes,
  HEIGHT,
  PAD,
  ThresholdLine,
  WIDTH,
  yScale,
} from '../charts/chartFrame';

export type MeasurementEvent = Extract<RolloutEvent, { type: 'measurement' }>;

const format = (value: number) =>
  value === 0 ? '0' : Number(value.toPrecision(3)).toString();

/** The path through the points that have a value; gaps (no samples) break nothing, they are skipped. */
function polyline(points: Array<[number, number | undefined]>) {
  return points
    .filter((p): p is [number, number] => p[1] !== undefined)
    .map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`)
    .join(' ');
}

/**
 * One analysis metric of a rollout as a chart: each measurement's canary value (dots coloured by phase) and the
 * stable predictor's value, against the success threshold and, where the metric has one, the bound relative to
 * stable (`maxRatioToStable` × stable). Plain SVG, so it needs no chart library and prints as it looks.
 */
export function MeasurementChart(props: {
  metric: RolloutAnalysisSummary;
  measurements: MeasurementEvent[];
}) {
  const theme = useTheme();
  const { metric, measurements } = props;
  const { threshold, operator } = metric.successCondition;
  const ratio = metric.maxRatioToStable;
  const values = measurements.flatMap(m => [
    m.value ?? 0,
    m.stableValue ?? 0,
    ratio && m.stableValue !== undefined ? ratio * m.stableValue : 0,
  ]);
  const max = Math.max(threshold, ...values) * 1.15 || 1;
  const y = yScale(max);
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const x = (i: number) =>
    PAD.left +
    (measurements.length > 1
      ? (plotWidth * i) / (measurements.length - 1)
      : plotWidth / 2);
  const phaseColour: Record<MeasurementEvent['phase'], string> = {
    Successful: theme.palette.success?.main ?? '#2e7d32',
    Failed: theme.palette.error.main,
    Inconclusive: theme.palette.warning?.main ?? '#ed6c02',
    Error: theme.palette.grey[600],
  };
  const thresholdLabel = `success ${operator} ${format(threshold)}`;
  return (
    <figure style={{ margin: 0, flex: '1 1 380px' }}>
      <Typography variant="subtitle2" component="figcaption">
        {metric.name}: {thresholdLabel}
        {ratio ? `, ≤ ${ratio}× stable` : ''}
      </Typography>
      <svg
        role="img"
        aria-label={`${metric.name} measurements: canary against stable, ${thresholdLabel}`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ maxWidth: WIDTH * 1.5 }}
      >
        <ChartAxes max={max} format={format} />
        <ThresholdLine
          max={max}
          value={threshold}
          label={thresholdLabel}
          colour={theme.palette.error.main}
        />
        {ratio && (
          <polyline
            fill="none"
            stroke={theme.palette.warning?.main ?? '#ed6c02'}
            strokeDasharray="2 3"
            points={polyline(
              measurements.map((m, i) => [
                x(i),
                m.stableValue === undefined
                  ? undefined
                  : y(ratio * m.stableValue),
              ]),
            )}
          >
            <title>{`${ratio}× stable`}</title>
          </polyline>
        )}
        <polyline
          fill="none"
          stroke={theme.palette.grey[500]}
          strokeDasharray="4 3"
          points={polyline(
            measurements.map((m, i) => [
              x(i),
              m.stableValue === undefined ? undefined : y(m.stableValue),
            ]),
          )}
        >
          <title>stable</title>
        </polyline>
        <polyline
          fill="none"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          points={polyline(
            measurements.map((m, i) => [
              x(i),
              m.value === undefined ? undefined : y(m.value),
            ]),
          )}
        >
          <title>canary</title>
        </polyline>
        {measurements.map((m, i) => (
          <circle
            key={m.at}
            cx={x(i)}
            cy={y(m.value ?? 0)}
            r={4}
            fill={phaseColour[m.phase]}
            data-phase={m.phase}
          >
            <title>{`${new Date(m.at).toLocaleTimeString()} step ${
              m.stepIndex + 1
            }: ${m.phase}${
              m.value === undefined ? '' : `, canary ${format(m.value)}`
            }${
              m.stableValue === undefined
                ? ''
                : `, stable ${format(m.stableValue)}`
            }`}</title>
          </circle>
        ))}
        <text
          x={PAD.left}
          y={HEIGHT - 8}
          fontSize={10}
          fill={theme.palette.text.secondary}
        >
          {measurements.length
            ? `${measurements.length} measurement(s), oldest left`
            : 'no measurements yet'}
        </text>
      </svg>
    </figure>
  );
}
