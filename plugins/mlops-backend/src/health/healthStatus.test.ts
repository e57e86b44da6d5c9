import { DriftReport } from '@mlops-portal/plugin-mlops-common';
import { DEFAULT_HEALTH_THRESHOLDS, healthStatus } from './healthStatus';

const stableDrift: DriftReport = {
  source: 'histograms',
  verdict: 'stable',
  share: 0,
  driftShare: 0.5,
  features: [],
};
const predictor = (errorRate: number, p99: number) => ({
  predictor: 'stable',
  version: '4',
  requestsPerSecond: 40,
  errorRate,
  latency: { p99 },
});
const judge = (input: Partial<Parameters<typeof healthStatus>[0]>) =>
  healthStatus({
    predictors: [predictor(0.001, 0.05)],
    alerts: [],
    drift: stableDrift,
    thresholds: DEFAULT_HEALTH_THRESHOLDS,
    ...input,
  });

describe('healthStatus', () => {
  it('is ok with traffic inside every threshold and nothing firing', () => {
    expect(judge({})).toEqual({ status: 'ok', reasons: [] });
  });

  it('takes the worst of error rate, latency and alerts, naming each', () => {
    expect(
      judge({
        predictors: [predictor(0.07, 0.3)],
        alerts: [
          { name: 'A', state: 'pending', labels: {} },
          { name: 'B', state: 'firing', severity: 'warning', labels: {} },
        ],
      }),
    ).toEqual({
      status: 'critical',
      reasons: [
        'stable (v4) error rate 7.00% ≥ 5.00%',
        'stable (v4) p99 latency 300 ms ≥ 250 ms',
        'alert A pending',
        'alert B firing',
      ],
    });
  });

  it('never says ok without metrics, and says unknown when there is no traffic', () => {
    expect(judge({ metricsError: 'unreachable', predictors: [] }).status).toBe(
      'unknown',
    );
    expect(judge({ predictors: [] })).toEqual({
      status: 'unknown',
      reasons: ['no traffic in the window: nothing to judge'],
    });
  });

  it('turns amber for a drifted dataset, and only mentions drifted features below the share', () => {
    const amount = {
      feature: 'amount',
      kind: 'numerical' as const,
      method: 'wasserstein',
      score: 0.4,
      threshold: 0.1,
      drifted: true,
    };
    expect(
      judge({
        drift: {
          ...stableDrift,
          verdict: 'drifted',
          share: 0.5,
          features: [amount],
        },
      }).status,
    ).toBe('warning');
    expect(
      judge({ drift: { ...stableDrift, share: 0.25, features: [amount] } }),
    ).toEqual({
      status: 'ok',
      reasons: [
        'feature drift: amount (25.00% of features, dataset drifts at 50.00%)',
      ],
    });
  });
});

describe('healthStatus of inputs, gates and batch models', () => {
  const stale = {
    featureView: 'featureview:default/customer-transactions',
    stale: true,
    ageSeconds: 7 * 3600,
    ttlSeconds: 6 * 3600,
  };

  it('turns amber for a stale input and a live gate breach, naming each', () => {
    expect(
      judge({
        inputs: [
          stale,
          { featureView: 'featureview:default/merchant-risk', stale: false },
        ],
        gateBreaches: [
          'live p95 latency 73 ms on stable (v4) breaks the gate ≤ 50 ms',
        ],
      }),
    ).toEqual({
      status: 'warning',
      reasons: [
        'live p95 latency 73 ms on stable (v4) breaks the gate ≤ 50 ms',
        'input customer-transactions is stale: 7 h old, TTL 6 h',
      ],
    });
  });

  it('lists an input it could not read without changing the light', () => {
    expect(
      judge({
        inputs: [
          {
            featureView: 'featureview:default/customer-transactions',
            error: "Feast registry 'default' is unreachable",
          },
        ],
      }),
    ).toEqual({
      status: 'ok',
      reasons: [
        "input customer-transactions freshness unknown: Feast registry 'default' is unreachable",
      ],
    });
  });

  it('does not count missing traffic against a batch model, but counts its inputs', () => {
    expect(judge({ batch: true, predictors: [] })).toEqual({
      status: 'ok',
      reasons: [],
    });
    expect(judge({ batch: true, predictors: [], inputs: [stale] }).status).toBe(
      'warning',
    );
  });
});
