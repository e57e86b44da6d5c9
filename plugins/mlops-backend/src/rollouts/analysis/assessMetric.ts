import { AnalysisMetric, Measurement, MetricPhase } from './analysisTypes';

/**
 * Where a metric stands, with Argo Rollouts' rules: Failed when failed measurements exceed `failureLimit`,
 * Inconclusive when inconclusive ones exceed `inconclusiveLimit`, Error when consecutive errors exceed
 * `consecutiveErrorLimit`, Successful once `count` measurements were taken without that, Running before.
 */
export function assessMetric(
  metric: AnalysisMetric,
  measurements: Measurement[],
): MetricPhase {
  const of = measurements.filter(m => m.metric === metric.name);
  const failed = of.filter(m => m.phase === 'Failed').length;
  const inconclusive = of.filter(m => m.phase === 'Inconclusive').length;
  let consecutiveErrors = 0;
  for (const m of [...of].reverse()) {
    if (m.phase !== 'Error') {
      break;
    }
    consecutiveErrors += 1;
  }
  if (failed > metric.failureLimit) {
    return 'Failed';
  }
  if (inconclusive > metric.inconclusiveLimit) {
    return 'Inconclusive';
  }
  if (consecutiveErrors > metric.consecutiveErrorLimit) {
    return 'Error';
  }
  const counted = of.filter(m => m.phase !== 'Error').length;
  return counted >= metric.count ? 'Successful' : 'Running';
}
