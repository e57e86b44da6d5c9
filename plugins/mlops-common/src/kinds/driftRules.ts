import type { ModelEntityV1alpha1 } from './ModelEntityV1alpha1';

/**
 * A drift test a Model may name in `spec.monitoring.drift` (api-contracts §6).
 *
 * @public
 */
export type DriftMethodName =
  | 'psi'
  | 'jensenshannon'
  | 'wasserstein'
  | 'chisquare';

/**
 * Each test's default threshold, Evidently's (api-contracts §6.3): a distance or PSI drifts at or above it, the
 * chi-square test's p-value below it. The backend's drift statistics judge with these numbers.
 *
 * @public
 */
export const DRIFT_METHOD_DEFAULT_THRESHOLDS: Record<DriftMethodName, number> =
  {
    psi: 0.1,
    jensenshannon: 0.1,
    wasserstein: 0.1,
    chisquare: 0.05,
  };

/**
 * The test of a feature the Model's spec says nothing about, by the feature's kind: Evidently's choice for more
 * than 1000 reference rows (normed Wasserstein for numbers, Jensen–Shannon for categories).
 *
 * @public
 */
export const DEFAULT_DRIFT_METHODS: Record<
  'numerical' | 'categorical',
  DriftMethodName
> = { numerical: 'wasserstein', categorical: 'jensenshannon' };

/**
 * The dataset drifts when at least this share of its features drift (Evidently's `drift_share`).
 *
 * @public
 */
export const DEFAULT_DATASET_DRIFT_SHARE = 0.5;

/**
 * A drift test's name as a person reads it, and which way its threshold points.
 *
 * @public
 */
export const DRIFT_METHOD_TITLES: Record<
  DriftMethodName,
  { title: string; driftsWhen: '≥' | '<' }
> = {
  psi: { title: 'PSI', driftsWhen: '≥' },
  jensenshannon: { title: 'Jensen–Shannon distance', driftsWhen: '≥' },
  wasserstein: { title: 'Wasserstein distance (normed)', driftsWhen: '≥' },
  chisquare: { title: 'chi-square p-value', driftsWhen: '<' },
};

/**
 * A Model's `spec.monitoring.drift`: the drift method and threshold, and their overrides per feature.
 *
 * @public
 */
export type DriftSpec = NonNullable<
  NonNullable<ModelEntityV1alpha1['spec']['monitoring']>['drift']
>;

/**
 * The method and threshold that judge one feature: its override in `features`, else the Model's `method` and
 * `threshold`, else the default of its kind (`fallback`) with that method's default threshold.
 *
 * @public
 */
export function driftRuleOf(
  spec: DriftSpec | undefined,
  feature: string | undefined,
  fallback: DriftMethodName,
): { method: DriftMethodName; threshold: number } {
  const override =
    feature === undefined ? undefined : spec?.features?.[feature];
  const method =
    (typeof override === 'object' ? override.method : undefined) ??
    spec?.method ??
    fallback;
  const threshold =
    (typeof override === 'number' ? override : override?.threshold) ??
    spec?.threshold ??
    DRIFT_METHOD_DEFAULT_THRESHOLDS[method];
  return { method, threshold };
}
