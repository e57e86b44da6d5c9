import {
  DEFAULT_DATASET_DRIFT_SHARE,
  DEFAULT_DRIFT_METHODS,
  DRIFT_METHOD_TITLES,
  driftRuleOf,
  ModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';

type DriftSpec = NonNullable<
  NonNullable<ModelEntityV1alpha1['spec']['monitoring']>['drift']
>;

const rule = (method: keyof typeof DRIFT_METHOD_TITLES, threshold: number) =>
  `${DRIFT_METHOD_TITLES[method].title} ${DRIFT_METHOD_TITLES[method].driftsWhen} ${threshold}`;

/**
 * How the drift service judges a Model's inputs, in lines a person reads: the test and threshold for numerical
 * and categorical features (the spec's `method`/`threshold`, else Wasserstein ≥ 0.1 and Jensen–Shannon ≥ 0.1),
 * each per-feature override, and when the dataset as a whole drifts. Computed with the same rule the backend
 * uses (`driftRuleOf`), so the card cannot promise one test while the Monitoring tab shows another.
 */
export function describeDrift(spec: DriftSpec | undefined): string[] {
  const numerical = driftRuleOf(
    spec,
    undefined,
    DEFAULT_DRIFT_METHODS.numerical,
  );
  const categorical = driftRuleOf(
    spec,
    undefined,
    DEFAULT_DRIFT_METHODS.categorical,
  );
  const lines =
    numerical.method === categorical.method &&
    numerical.threshold === categorical.threshold
      ? [`every feature: ${rule(numerical.method, numerical.threshold)}`]
      : [
          `numerical features: ${rule(numerical.method, numerical.threshold)}`,
          `categorical features: ${rule(
            categorical.method,
            categorical.threshold,
          )}`,
        ];
  for (const [feature, override] of Object.entries(spec?.features ?? {})) {
    const own =
      typeof override === 'object' && override.method
        ? driftRuleOf(spec, feature, override.method)
        : undefined;
    if (own) {
      lines.push(`${feature}: ${rule(own.method, own.threshold)}`);
    } else {
      // Only a threshold: the feature keeps the test of its kind (numerical or categorical), which only the
      // served data tells, so the card names the threshold alone.
      const threshold = driftRuleOf(spec, feature, numerical.method).threshold;
      lines.push(`${feature}: threshold ${threshold} (the test of its kind)`);
    }
  }
  const share = spec?.driftShare ?? DEFAULT_DATASET_DRIFT_SHARE;
  lines.push(
    `the dataset drifts when ${Math.round(share * 100)}% of its features do`,
  );
  return lines;
}
