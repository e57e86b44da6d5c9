import {
  PrometheusApiError,
  PrometheusClient,
} from '../../shared/prometheus/PrometheusClient';
import {
  AnalysisMetric,
  AnalysisTarget,
  Condition,
  Measurement,
} from './analysisTypes';

const holds = (value: number, c: Condition) => {
  switch (c.operator) {
    case '<':
      return value < c.threshold;
    case '<=':
      return value <= c.threshold;
    case '>':
      return value > c.threshold;
    default:
      return value >= c.threshold;
  }
};

const render = (
  metric: AnalysisMetric,
  target: AnalysisTarget,
  predictor: string,
) =>
  metric.query
    .replace(/\{\{namespace\}\}/g, target.namespace)
    .replace(/\{\{deployment\}\}/g, target.deployment)
    .replace(/\{\{predictor\}\}/g, predictor)
    .replace(/\{\{window\}\}/g, target.window);

async function valueOf(
  prometheus: PrometheusClient,
  query: string,
): Promise<number | undefined> {
  const [sample] = await prometheus.query(query);
  return sample === undefined || Number.isNaN(sample.value)
    ? undefined
    : sample.value;
}

/**
 * Takes one measurement of one metric for the canary (and the stable predictor when the metric compares with
 * it), and judges it. Never throws: a Prometheus failure (or none configured) is an `Error` measurement.
 */
export async function measureMetric(
  metric: AnalysisMetric,
  target: AnalysisTarget,
  client: PrometheusClient | (() => PrometheusClient),
  now = new Date(),
): Promise<Measurement> {
  const query = render(metric, target, target.canaryPredictor);
  const base = { metric: metric.name, at: now.toISOString(), query };
  try {
    // Resolved here so that a Model without a configured Prometheus measures as an Error, not a crash.
    const prometheus = typeof client === 'function' ? client() : client;
    const value = await valueOf(prometheus, query);
    if (value === undefined) {
      return {
        ...base,
        phase: 'Inconclusive',
        message: 'no samples yet (no canary traffic in the window?)',
      };
    }
    let stableValue: number | undefined;
    if (metric.maxRatioToStable !== undefined) {
      stableValue = await valueOf(
        prometheus,
        render(metric, target, target.stablePredictor),
      );
    }
    const judged = { ...base, value, stableValue };
    if (metric.failureCondition && holds(value, metric.failureCondition)) {
      return {
        ...judged,
        phase: 'Failed',
        message: `${value} ${metric.failureCondition.operator} ${metric.failureCondition.threshold}`,
      };
    }
    if (!holds(value, metric.successCondition)) {
      return metric.failureCondition
        ? {
            ...judged,
            phase: 'Inconclusive',
            message: 'neither the success nor the failure condition holds',
          }
        : {
            ...judged,
            phase: 'Failed',
            message: `${value} is not ${metric.successCondition.operator} ${metric.successCondition.threshold}`,
          };
    }
    // A tiny stable value (e.g. zero errors) makes any ratio meaningless; compare only when the stable has one.
    if (
      metric.maxRatioToStable !== undefined &&
      stableValue !== undefined &&
      stableValue > 0 &&
      value > metric.maxRatioToStable * stableValue
    ) {
      return {
        ...judged,
        phase: 'Failed',
        message: `${value} is more than ${metric.maxRatioToStable} × the stable predictor's ${stableValue}`,
      };
    }
    return { ...judged, phase: 'Successful' };
  } catch (error) {
    return {
      ...base,
      phase: 'Error',
      message:
        error instanceof PrometheusApiError ? error.message : String(error),
    };
  }
}
