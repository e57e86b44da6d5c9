/*
 * DEMO DATA: the input features of the example Models, named as the feature views they read declare them
 * (examples/fraud-detection.yaml: customer-transactions and merchant-risk; examples/customer-growth.yaml:
 * customer-profile), with the distributions the sandbox simulates. Shared by the feature metrics the sandbox
 * exports ({@link FeatureValueSimulator}) and the drift reference logged with the fraud champion's training run
 * ({@link fraudTrainingReference}), so that both use the same buckets.
 */

export type NumericalFeature = {
  feature: string;
  /** Bucket upper bounds (ascending; the `+Inf` bucket comes on top). */
  upperBounds: number[];
  normal: { mean: number; sd: number };
  /** The inputs after `POST /model-metrics/drift {"drifted": true}`. */
  drifted: { mean: number; sd: number };
};

export type CategoricalFeature = {
  feature: string;
  normal: Record<string, number>;
  drifted: Record<string, number>;
};

const range = (from: number, to: number, step: number) =>
  Array.from(
    { length: Math.round((to - from) / step) + 1 },
    (_, i) => from + i * step,
  );

/**
 * The fraud model's inputs. A drift shifts four of seven (a card-testing wave: more and larger authorisations,
 * abroad, at other merchants), so the dataset counts as drifted (4/7 ≥ Evidently's 0.5).
 */
export const FRAUD_NUMERICAL: NumericalFeature[] = [
  {
    feature: 'txn_count_1h',
    upperBounds: [0, 1, 2, 3, 4, 5, 6, 8, 10, 15],
    normal: { mean: 1.8, sd: 1.4 },
    drifted: { mean: 2.7, sd: 1.9 },
  },
  {
    feature: 'txn_amount_sum_24h',
    upperBounds: range(50, 1000, 50),
    normal: { mean: 260, sd: 130 },
    drifted: { mean: 340, sd: 150 },
  },
  {
    feature: 'distinct_merchants_7d',
    upperBounds: range(1, 15, 1),
    normal: { mean: 6, sd: 2.5 },
    drifted: { mean: 6, sd: 2.5 },
  },
  {
    feature: 'merchant_risk_score',
    upperBounds: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
    normal: { mean: 0.3, sd: 0.15 },
    drifted: { mean: 0.3, sd: 0.15 },
  },
  {
    feature: 'chargeback_rate_30d',
    upperBounds: [
      0.002, 0.004, 0.006, 0.008, 0.01, 0.012, 0.014, 0.016, 0.018, 0.02,
    ],
    normal: { mean: 0.007, sd: 0.003 },
    drifted: { mean: 0.007, sd: 0.003 },
  },
];

export const FRAUD_CATEGORICAL: CategoricalFeature[] = [
  {
    feature: 'home_country_mismatch',
    normal: { false: 0.93, true: 0.07 },
    drifted: { false: 0.74, true: 0.26 },
  },
  {
    // Merchant category codes (ISO 18245): grocery, misc. retail, fuel, travel agencies, restaurants.
    feature: 'merchant_category_code',
    normal: {
      '5411': 0.35,
      '5999': 0.3,
      '5541': 0.15,
      '4722': 0.1,
      '5812': 0.1,
    },
    drifted: {
      '5411': 0.15,
      '5999': 0.45,
      '5541': 0.05,
      '4722': 0.3,
      '5812': 0.05,
    },
  },
];

/** Drift scores the churn model's monitoring job publishes (the portal reads them as they are). */
export const CHURN_DRIFT_GAUGES = [
  { feature: 'tenure_days', method: 'psi', score: 0.04 },
  { feature: 'plan', method: 'jensenshannon', score: 0.03 },
  { feature: 'logins_30d', method: 'psi', score: 0.27 },
  { feature: 'support_tickets_90d', method: 'psi', score: 0.06 },
];

/** Shares of a normal distribution N(mean, sd) per bin of the upper bounds (and the +Inf bin). */
export function normalShares(
  upperBounds: number[],
  { mean, sd }: { mean: number; sd: number },
): number[] {
  // Abramowitz–Stegun erf, plenty for demo shares.
  const erf = (x: number) => {
    const t = 1 / (1 + 0.3275911 * Math.abs(x));
    const y =
      1 -
      ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) *
        t +
        0.254829592) *
        t *
        Math.exp(-x * x);
    return x >= 0 ? y : -y;
  };
  const cdf = (x: number) => 0.5 * (1 + erf((x - mean) / (sd * Math.SQRT2)));
  const cumulative = [...upperBounds.map(cdf), 1];
  return cumulative.map((c, i) => c - (i ? cumulative[i - 1] : 0));
}
