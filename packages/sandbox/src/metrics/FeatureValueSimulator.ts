import {
  CHURN_DRIFT_GAUGES,
  FRAUD_CATEGORICAL,
  FRAUD_NUMERICAL as DEMO_NUMERICAL,
  normalShares,
} from './demoFeatures';

/*
 * DEMO STAND-IN for the feature metrics a model server exports, by the MLOps Portal's convention (see the
 * mlops-backend README, "Model health"): numerical inputs as Prometheus histograms `mlops_feature_value`, categorical
 * inputs as counters `mlops_feature_category_total`, both labelled with `model` and `feature`; plus, for a model
 * whose drift a monitoring job computes elsewhere, the gauge `ml_feature_drift_score{model,feature,method}`.
 *
 * Every tick adds the expected counts of the current distributions (fractions carry over), so stable inputs score
 * exactly no drift, and `drifted = true` shifts four of the fraud model's seven features. The features are those
 * of the feature views the example Models read (see ./demoFeatures).
 */

/** Each feature's shares per bin (the +Inf bin last), undrifted and drifted. */
const FRAUD_NUMERICAL = DEMO_NUMERICAL.map(f => ({
  ...f,
  normal: normalShares(f.upperBounds, f.normal),
  drifted: normalShares(f.upperBounds, f.drifted),
}));

export class FeatureValueSimulator {
  /** Shifts the fraud model's transaction counts and amounts, country mismatches and merchant categories while true. */
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
