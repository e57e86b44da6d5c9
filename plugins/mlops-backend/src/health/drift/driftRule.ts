import { ModelEntityV1alpha1 } from '@mlops-portal/plugin-mlops-common';
import {
  DEFAULT_DRIFT_THRESHOLDS,
  DriftMethod,
} from '../../shared/statistics/driftStatistics';

/** The `spec.monitoring.drift` of a Model. */
export type DriftSpec = NonNullable<
  NonNullable<ModelEntityV1alpha1['spec']['monitoring']>['drift']
>;

/** The method and threshold of one feature: its override, else the Model's, else the defaults of §6. */
export function driftRule(
  spec: DriftSpec | undefined,
  feature: string,
  fallback: DriftMethod,
): { method: DriftMethod; threshold: number } {
  const override = spec?.features?.[feature];
  const method =
    (typeof override === 'object' ? override.method : undefined) ??
    spec?.method ??
    fallback;
  const threshold =
    (typeof override === 'number' ? override : override?.threshold) ??
    spec?.threshold ??
    DEFAULT_DRIFT_THRESHOLDS[method];
  return { method, threshold };
}
