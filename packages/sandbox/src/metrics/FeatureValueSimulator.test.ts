import { FeatureValueSimulator } from './FeatureValueSimulator';

const bucketsOf = (text: string, feature: string) =>
  [
    ...text.matchAll(
      new RegExp(
        `mlops_feature_value_bucket\\{model="fraud-detector",feature="${feature}",le="([^"]+)"\\} (\\d+)`,
        'g',
      ),
    ),
  ].map(m => [m[1], Number(m[2])] as const);

describe('FeatureValueSimulator', () => {
  it('exports cumulative histograms that count every observation, and categories', () => {
    const sim = new FeatureValueSimulator('fraud-detector', 100);
    sim.tick(10);
    const text = sim.exposition();
    const amount = bucketsOf(text, 'amount');
    // 1000 requests; each bin keeps its fraction of an observation for the next tick.
    const [le, total] = amount[amount.length - 1];
    expect(le).toBe('+Inf');
    expect(total).toBeLessThanOrEqual(1000);
    expect(total).toBeGreaterThan(1000 - amount.length);
    for (let i = 1; i < amount.length; i++) {
      expect(amount[i][1]).toBeGreaterThanOrEqual(amount[i - 1][1]);
    }
    expect(text).toContain(
      `mlops_feature_value_count{model="fraud-detector",feature="amount"} ${total}`,
    );
    expect(text).toMatch(
      /mlops_feature_category_total\{model="fraud-detector",feature="merchant_category",category="grocery"\} 350/,
    );
    expect(text).toContain(
      'ml_feature_drift_score{model="churn-predictor",feature="days_since_last_login",method="psi"} 0.27',
    );
  });

  it('moves amount upwards and shuffles merchant categories when drifted', () => {
    const median = (sim: FeatureValueSimulator) => {
      const amount = bucketsOf(sim.exposition(), 'amount');
      const total = amount[amount.length - 1][1];
      return amount.find(([, c]) => c >= total / 2)![0];
    };
    const normal = new FeatureValueSimulator('fraud-detector', 100);
    normal.tick(10);
    const drifted = new FeatureValueSimulator('fraud-detector', 100);
    drifted.drifted = true;
    drifted.tick(10);
    expect(Number(median(normal))).toBe(60);
    expect(Number(median(drifted))).toBeGreaterThanOrEqual(110);
  });
});
