import { GateResult, QualityGate } from '@mlops-portal/plugin-mlops-common';
import { MlflowClient } from '../../shared/mlflow/MlflowClient';
import { RunMetricsCache } from '../RunMetricsCache';
import { evaluateQualityGates } from './evaluateQualityGates';

/**
 * A version's quality gates, with the metrics of its MLflow run (and of the champion's, for regression
 * bounds). The one evaluation promotions and rollouts share.
 */
export async function gatesForVersion(options: {
  client: MlflowClient;
  runMetrics: RunMetricsCache;
  registeredModel: string;
  gates: QualityGate[];
  candidate: { version: string; run_id?: string };
  championVersion?: string;
}): Promise<GateResult[]> {
  const { client, registeredModel, candidate, championVersion } = options;
  const champion = championVersion
    ? await client.getModelVersion(registeredModel, championVersion)
    : undefined;
  const metrics = await options.runMetrics.metricsOf(
    client,
    [candidate.run_id, champion?.run_id].filter((r): r is string => Boolean(r)),
  );
  return evaluateQualityGates(
    options.gates,
    {
      version: candidate.version,
      metrics: metrics.get(candidate.run_id ?? '') ?? {},
    },
    champion && {
      version: champion.version,
      metrics: metrics.get(champion.run_id ?? '') ?? {},
    },
  );
}
