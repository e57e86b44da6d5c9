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
    const amount = bucketsOf(text, 'txn_amount_sum_24h');
    // 1000 requests; each bin keeps its fraction of an observation for the next tick.
    const [le, total] = amount[amount.length - 1];
    expect(le).toBe('+Inf');
    expect(total).toBeLessThanOrEqual(1000);
    expect(total).toBeGreaterThan(1000 - amount.length);
    for (let i = 1; i < amount.length; i++) {
      expect(amount[i][1]).toBeGreaterThanOrEqual(amount[i - 1][1]);
    }
    expect(text).toContain(
      `mlops_feature_value_count{model="fraud-detector",feature="txn_amount_sum_24h"} ${total}`,
    );
    expect(text).toMatch(
      /mlops_feature_category_total\{model="fraud-detector",feature="merchant_category_code",category="5411"\} 350/,
    );
    expect(text).toContain(
      'ml_feature_drift_score{model="churn-predictor",feature="logins_30d",method="psi"} 0.27',
    );
  });

  it('names the features of the feature views the example Models read', () => {
    const sim = new FeatureValueSimulator('fraud-detector', 100);
    sim.tick(1);
    const text = sim.exposition();
    const features = (metric: string, model: string) => [
      ...new Set(
        [
          ...text.matchAll(
            new RegExp(`^${metric}\\{model="${model}",feature="([^"]+)"`, 'gm'),
          ),
        ].map(m => m[1]),
      ),
    ];
    // examples/fraud-detection.yaml: customer-transactions and merchant-risk.
    expect(
      [
        ...features('mlops_feature_value_count', 'fraud-detector'),
        ...features('mlops_feature_category_total', 'fraud-detector'),
      ].sort(),
    ).toEqual([
      'chargeback_rate_30d',
      'distinct_merchants_7d',
      'home_country_mismatch',
      'merchant_category_code',
      'merchant_risk_score',
      'txn_amount_sum_24h',
      'txn_count_1h',
    ]);
    // examples/customer-growth.yaml: customer-profile.
    expect(
      features('ml_feature_drift_score', 'churn-predictor').sort(),
    ).toEqual(['logins_30d', 'plan', 'support_tickets_90d', 'tenure_days']);
  });

  it('moves amounts upwards and shuffles merchant categories when drifted', () => {
    const median = (sim: FeatureValueSimulator) => {
      const amount = bucketsOf(sim.exposition(), 'txn_amount_sum_24h');
      const total = amount[amount.length - 1][1];
      return amount.find(([, c]) => c >= total / 2)![0];
    };
    const normal = new FeatureValueSimulator('fraud-detector', 100);
    normal.tick(10);
    const drifted = new FeatureValueSimulator('fraud-detector', 100);
    drifted.drifted = true;
    drifted.tick(10);
    // N(260, 130) has its median in the (250, 300] bucket, N(340, 150) in (300, 350].
    expect(Number(median(normal))).toBe(300);
    expect(Number(median(drifted))).toBe(350);
  });
});
