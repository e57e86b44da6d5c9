/*
 * DEMO STAND-IN for the feature metrics a model server exports, by the MLOps Portal's convention (see the
 * mlops-backend README, "Model health"): numerical inputs as Prometheus histograms `mlops_feature_value`, categorical
 * inputs as counters `mlops_feature_category_total`, both labelled with `model` and `feature`; plus, for a model
 * whose drift a monitoring job computes elsewhere, the gauge `ml_feature_drift_score{model,feature,method}`.
 *
 * Every tick adds the expected counts of the current distributions (fractions carry over), so stable inputs score
 * exactly no drift, and `drifted = true` shifts two of the fraud model's four features.
 */

type Numerical = {
  feature: string;
  upperBounds: number[];
  /** Share of observations per bucket (one more than upperBounds: the +Inf bin). */
  normal: number[];
  drifted: number[];
};
type Categorical = {
  feature: string;
  normal: Record<string, number>;
  drifted: Record<string, number>;
};

/** Shares of a normal distribution N(mean, sd) per bin of the upper bounds (and the +Inf bin). */
function normalShares(upperBounds: number[], mean: number, sd: number) {
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

const range = (from: number, to: number, step: number) =>
  Array.from(
    { length: Math.round((to - from) / step) + 1 },
    (_, i) => from + i * step,
  );

const FRAUD_NUMERICAL: Numerical[] = [
  {
    feature: 'amount',
    upperBounds: range(10, 200, 10),
    normal: normalShares(range(10, 200, 10), 60, 25),
    drifted: normalShares(range(10, 200, 10), 115, 35),
  },
  {
    feature: 'distance_from_home_km',
    upperBounds: range(5, 50, 5),
    normal: normalShares(range(5, 50, 5), 12, 6),
    drifted: normalShares(range(5, 50, 5), 12, 6),
  },
  {
    feature: 'hour_of_day',
    upperBounds: range(3, 21, 3),
    normal: normalShares(range(3, 21, 3), 14, 4),
    drifted: normalShares(range(3, 21, 3), 14, 4),
  },
];

const FRAUD_CATEGORICAL: Categorical[] = [
  {
    feature: 'merchant_category',
    normal: {
      grocery: 0.35,
      online: 0.3,
      fuel: 0.15,
      travel: 0.1,
      restaurants: 0.1,
    },
    drifted: {
      grocery: 0.15,
      online: 0.45,
      fuel: 0.05,
      travel: 0.3,
      restaurants: 0.05,
    },
  },
];

/** Drift scores a monitoring job publishes for the churn model (the portal reads them as they are). */
const CHURN_DRIFT_GAUGES = [
  { feature: 'tenure_months', method: 'psi', score: 0.04 },
  { feature: 'days_since_last_login', method: 'psi', score: 0.27 },
  { feature: 'plan', method: 'jensenshannon', score: 0.03 },
];

export class FeatureValueSimulator {
  /** Shifts `amount` and `merchant_category` of the fraud model while true. */
  drifted = false;
  private readonly numerical = new Map<string, number[]>();
  private readonly categorical = new Map<string, Record<string, number>>();
  private readonly sums = new Map<string, number>();
  private readonly carry = new Map<string, number>();

  constructor(
    private readonly model = 'fraud-detector',
    private readonly requestsPerSecond = 40,
  ) {}

  tick(seconds: number) {
    const n = this.requestsPerSecond * seconds;
    for (const f of FRAUD_NUMERICAL) {
      const shares = this.drifted ? f.drifted : f.normal;
      const counts = this.numerical.get(f.feature) ?? shares.map(() => 0);
      shares.forEach((share, i) => {
        counts[i] += this.whole(`${f.feature}/${i}`, n * share);
      });
      this.numerical.set(f.feature, counts);
      const mids = f.upperBounds.map((b, i) =>
        i ? (f.upperBounds[i - 1] + b) / 2 : b / 2,
      );
      this.sums.set(
        f.feature,
        (this.sums.get(f.feature) ?? 0) +
          shares.reduce(
            (acc, s, i) =>
              acc +
              s * n * (mids[i] ?? f.upperBounds[f.upperBounds.length - 1]),
            0,
          ),
      );
    }
    for (const f of FRAUD_CATEGORICAL) {
      const shares = this.drifted ? f.drifted : f.normal;
      const counts = this.categorical.get(f.feature) ?? {};
      for (const [category, share] of Object.entries(shares)) {
        counts[category] =
          (counts[category] ?? 0) +
          this.whole(`${f.feature}/${category}`, n * share);
      }
      this.categorical.set(f.feature, counts);
    }
  }

  exposition(): string {
    const m = `model="${this.model}"`;
    const lines = [
      "# HELP mlops_feature_value Values of the model's numerical input features.",
      '# TYPE mlops_feature_value histogram',
    ];
    for (const f of FRAUD_NUMERICAL) {
      const counts = this.numerical.get(f.feature) ?? f.normal.map(() => 0);
      let cumulative = 0;
      f.upperBounds.forEach((le, i) => {
        cumulative += counts[i];
        lines.push(
          `mlops_feature_value_bucket{${m},feature="${f.feature}",le="${le}"} ${cumulative}`,
        );
      });
      cumulative += counts[counts.length - 1];
      lines.push(
        `mlops_feature_value_bucket{${m},feature="${f.feature}",le="+Inf"} ${cumulative}`,
      );
      lines.push(
        `mlops_feature_value_sum{${m},feature="${f.feature}"} ${(
          this.sums.get(f.feature) ?? 0
        ).toFixed(3)}`,
      );
      lines.push(
        `mlops_feature_value_count{${m},feature="${f.feature}"} ${cumulative}`,
      );
    }
    lines.push(
      "# HELP mlops_feature_category_total Observations of each category of the model's categorical input features.",
      '# TYPE mlops_feature_category_total counter',
    );
    for (const f of FRAUD_CATEGORICAL) {
      for (const [category, count] of Object.entries(
        this.categorical.get(f.feature) ?? {},
      )) {
        lines.push(
          `mlops_feature_category_total{${m},feature="${f.feature}",category="${category}"} ${count}`,
        );
      }
    }
    lines.push(
      "# HELP ml_feature_drift_score Drift scores published by the churn model's monitoring job.",
      '# TYPE ml_feature_drift_score gauge',
      ...CHURN_DRIFT_GAUGES.map(
        g =>
          `ml_feature_drift_score{model="churn-predictor",feature="${g.feature}",method="${g.method}"} ${g.score}`,
      ),
    );
    return `${lines.join('\n')}\n`;
  }

  private whole(key: string, expected: number): number {
    const total = (this.carry.get(key) ?? 0) + expected;
    const whole = Math.floor(total);
    this.carry.set(key, total - whole);
    return whole;
  }
}
