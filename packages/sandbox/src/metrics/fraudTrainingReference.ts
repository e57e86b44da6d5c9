import {
  FRAUD_CATEGORICAL,
  FRAUD_NUMERICAL,
  normalShares,
} from './demoFeatures';

/** Where the MLOps Portal looks for a training run's drift reference (mlops-backend README, "Drift"). */
export const DRIFT_REFERENCE_ARTIFACT = 'drift/reference.json';

/**
 * DEMO DATA: the drift reference the fraud champion's training run logged (`drift/reference.json`, format
 * `mlops-drift-reference/v1`): counts per bucket of the training rows, on the buckets the model server exports.
 * Training data is 90 days old, so it differs a little from today's undrifted traffic (a few hundredths of a
 * standard deviation, well under the drift thresholds), and clearly from drifted traffic.
 */
export function fraudTrainingReference(rows = 180_000): string {
  const numerical = Object.fromEntries(
    FRAUD_NUMERICAL.map(f => {
      const shares = normalShares(f.upperBounds, {
        mean: f.normal.mean + 0.04 * f.normal.sd,
        sd: f.normal.sd * 1.03,
      });
      return [
        f.feature,
        {
          upperBounds: [...f.upperBounds, '+Inf'],
          counts: shares.map(s => Math.round(s * rows)),
        },
      ];
    }),
  );
  const categorical = Object.fromEntries(
    FRAUD_CATEGORICAL.map(f => {
      // Every other category 3% more or less common than today, in a fixed order.
      const categories = Object.keys(f.normal).sort();
      const weights = categories.map(
        (c, i) => f.normal[c] * (i % 2 ? 1.03 : 0.97),
      );
      const total = weights.reduce((a, b) => a + b, 0);
      return [
        f.feature,
        Object.fromEntries(
          categories.map((c, i) => [
            c,
            Math.round((weights[i] / total) * rows),
          ]),
        ),
      ];
    }),
  );
  return JSON.stringify(
    {
      format: 'mlops-drift-reference/v1',
      model: 'fraud-detector',
      rows,
      numerical,
      categorical,
    },
    null,
    2,
  );
}
