import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  RolloutAnalysisSummary,
  RolloutEvent,
} from '@mlops-portal/plugin-mlops-common';
import {
  ChartAxes,
  HEIGHT,
  ThresholdLine,
  WIDTH,
  xScale,
  yScale,
} from '../charts/chartFrame';
import { ChartUnit, formatIn, operatorText } from '../charts/chartUnits';

export type MeasurementEvent = Extract<RolloutEvent, { type: 'measurement' }>;

/** The path through the points that have a value; gaps (no samples) break nothing, they are skipped. */
function polyline(points: Array<[number, number | undefined]>) {
  return points
    .filter((p): p is [number, number] => p[1] !== undefined)
    .map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`)
    .join(' ');
}

/** A metric's pass condition in words and in its unit, e.g. `success ≤ 2%, ≤ 2× stable`. */
export function conditionText(
  metric: RolloutAnalysisSummary,
  unit: ChartUnit,
): string {
  const { threshold, operator } = metric.successCondition;
  return `success ${operatorText[operator]} ${formatIn(unit, threshold)}${
    metric.maxRatioToStable ? `, ≤ ${metric.maxRatioToStable}× stable` : ''
  }`;
}

/**
 * One analysis metric of a rollout as a chart over time: each measurement's canary value (dots coloured by
 * phase) and the stable predictor's value, against the success threshold and, where the metric has one, the
 * bound relative to stable (`maxRatioToStable` × stable). Values in `unit` (ms, %), its name on the value axis,
 * local time on the other. Plain SVG, so it needs no chart library and prints as it looks.
 */
export function MeasurementChart(props: {
  metric: RolloutAnalysisSummary;
  /** The metric as people call it (the Model's `spec.metrics` title, or its key). */
  title: string;
  unit: ChartUnit;
  measurements: MeasurementEvent[];
}) {
  const theme = useTheme();
  const { metric, measurements, unit, title } = props;
  const { threshold, operator } = metric.successCondition;
  const ratio = metric.maxRatioToStable;
  const values = measurements.flatMap(m => [
    m.value ?? 0,
    m.stableValue ?? 0,
    ratio && m.stableValue !== undefined ? ratio * m.stableValue : 0,
  ]);
  const max = Math.max(threshold, ...values) * 1.15 || 1;
  const y = yScale(max);
  const times = measurements.map(m => Date.parse(m.at));
  const from = Math.min(...times);
  const to = Math.max(...times);
  const x = xScale(from, to);
  const at = (m: MeasurementEvent) => x(Date.parse(m.at));
  const phaseColour: Record<MeasurementEvent['phase'], string> = {
    Successful: theme.palette.success?.main ?? '#2e7d32',
    Failed: theme.palette.error.main,
    Inconclusive: theme.palette.warning?.main ?? '#ed6c02',
    Error: theme.palette.grey[600],
  };
  const thresholdLabel = `success ${operatorText[operator]} ${formatIn(
    unit,
    threshold,
  )}`;
  return (
    <figure style={{ margin: 0, flex: '1 1 380px', minWidth: 0 }}>
      <Typography variant="subtitle2" component="figcaption">
        {title}: {conditionText(metric, unit)}
      </Typography>
      <svg
        role="img"
        aria-label={`${title} measurements in ${unit.axis}: canary against stable, ${thresholdLabel}`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ maxWidth: WIDTH * 1.5 }}
      >
        <ChartAxes
          max={max}
          unit={unit}
          time={measurements.length ? { from, to } : undefined}
          empty="no measurements yet"
        />
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
              measurements.map(m => [
                at(m),
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
            measurements.map(m => [
              at(m),
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
            measurements.map(m => [
              at(m),
              m.value === undefined ? undefined : y(m.value),
            ]),
          )}
        >
          <title>canary</title>
        </polyline>
        {measurements.map(m => (
          <circle
            key={`${m.at}-${m.stepIndex}`}
            cx={at(m)}
            cy={y(m.value ?? 0)}
            r={4}
            fill={phaseColour[m.phase]}
            data-phase={m.phase}
          >
            <title>{`${new Date(m.at).toLocaleTimeString()} step ${
              m.stepIndex + 1
            }: ${m.phase}${
              m.value === undefined ? '' : `, canary ${formatIn(unit, m.value)}`
            }${
              m.stableValue === undefined
                ? ''
                : `, stable ${formatIn(unit, m.stableValue)}`
            }`}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}
