import { RolloutEvent } from '@mlops-portal/plugin-mlops-common';
import { PrometheusClient } from '../../shared/prometheus/PrometheusClient';
import { AnalysisMetric, AnalysisTarget, Measurement } from './analysisTypes';
import { assessMetric } from './assessMetric';
import { measureMetric } from './measureMetric';

/**
 * One step's analysis at `now`: the step's earlier measurements (from the event log, since `stepStart`), plus a
 * new one of each metric that is still Running and due (its interval passed, or its initial delay for the
 * first), and each metric's phase over all of them.
 */
export async function measureDueMetrics(options: {
  analysis: AnalysisMetric[];
  events: RolloutEvent[];
  stepStart: number;
  now: number;
  target: AnalysisTarget;
  prometheus: () => PrometheusClient;
}): Promise<{
  taken: Measurement[];
  phases: Array<readonly [string, ReturnType<typeof assessMetric>]>;
}> {
  const { analysis, stepStart, now, target } = options;
  const measurements: Measurement[] = options.events
    .filter(
      (e): e is Extract<RolloutEvent, { type: 'measurement' }> =>
        e.type === 'measurement' && Date.parse(e.at) >= stepStart,
    )
    .map(e => ({
      metric: e.metric,
      phase: e.phase,
      at: e.at,
      value: e.value,
      stableValue: e.stableValue,
      query: '',
    }));
  const taken: Measurement[] = [];
  for (const metric of analysis) {
    const earlier = measurements.filter(m => m.metric === metric.name);
    const last = earlier[earlier.length - 1];
    const due = last
      ? now - Date.parse(last.at) >= metric.intervalSeconds * 1000
      : now - stepStart >= metric.initialDelaySeconds * 1000;
    if (assessMetric(metric, earlier) === 'Running' && due) {
      const m = await measureMetric(
        metric,
        target,
        options.prometheus,
        new Date(now),
      );
      measurements.push(m);
      taken.push(m);
    }
  }
  return {
    taken,
    phases: analysis.map(
      metric => [metric.name, assessMetric(metric, measurements)] as const,
    ),
  };
}
