import {
  ModelEntityV1alpha1,
  PredictorHealth,
} from '@mlops-portal/plugin-mlops-common';
import { liveCounterpart, liveGateBreaches } from './liveGateBreaches';

const model = (
  spec: Partial<ModelEntityV1alpha1['spec']>,
): Pick<ModelEntityV1alpha1, 'spec'> => ({
  spec: {
    type: 'classification',
    lifecycle: 'production',
    owner: 'group:fraud-ml',
    ...spec,
  },
});

const stable: PredictorHealth = {
  predictor: 'stable',
  version: '4',
  requestsPerSecond: 40,
  errorRate: 0.004,
  latency: { p50: 0.05, p95: 0.0725, p99: 0.0745 },
};

describe('liveCounterpart', () => {
  it('reads latency quantiles and the error rate by their keys, in the unit the spec or the key gives', () => {
    const m = model({ metrics: [{ name: 'latency_p99', unit: 's' }] });
    expect(liveCounterpart(m, 'p95_latency_ms')).toMatchObject({
      figure: 'p95',
      factor: 1000,
      unit: 'ms',
    });
    expect(liveCounterpart(m, 'latency_p99')).toMatchObject({
      figure: 'p99',
      factor: 1,
      unit: 's',
    });
    expect(liveCounterpart(m, 'error_rate')).toMatchObject({
      figure: 'errorRate',
      factor: 1,
      unit: 'ratio',
    });
    expect(liveCounterpart(m, 'errorRate_pct')).toMatchObject({
      figure: 'errorRate',
      factor: 100,
      unit: 'percent',
    });
  });

  it('leaves alone metrics without a live figure, and latencies without a unit', () => {
    const m = model({});
    expect(liveCounterpart(m, 'auc')).toBeUndefined();
    expect(liveCounterpart(m, 'precision_at_1pct_fpr')).toBeUndefined();
    expect(liveCounterpart(m, 'p95_latency')).toBeUndefined();
  });
});

describe('liveGateBreaches', () => {
  const gated = model({
    metrics: [{ name: 'p95_latency_ms', title: 'p95 latency', unit: 'ms' }],
    qualityGates: [
      { metric: 'auc', min: 0.9 },
      { metric: 'p95_latency_ms', max: 50 },
      { metric: 'p99_latency_ms', max: 100 },
      { metric: 'error_rate', max: 0.01 },
      { metric: 'f1', minRatioOfChampion: 0.95 },
    ],
  });

  it('names each live figure that breaks an absolute gate, with the spec title and the predictor', () => {
    expect(liveGateBreaches(gated, [stable])).toEqual([
      'live p95 latency 73 ms on stable (v4) breaks the gate ≤ 50 ms',
    ]);
    expect(
      liveGateBreaches(gated, [
        stable,
        {
          predictor: 'canary',
          version: '6',
          errorRate: 0.02,
          latency: { p95: 0.04, p99: 0.3 },
        },
      ]),
    ).toEqual([
      'live p95 latency 73 ms on stable (v4) breaks the gate ≤ 50 ms',
      'live p99 latency 300 ms on canary (v6) breaks the gate ≤ 100 ms',
      'live error rate 2% on canary (v6) breaks the gate ≤ 1%',
    ]);
  });

  it('shows more digits when rounding would hide the breach, and a lower bound as ≥', () => {
    const m = model({
      qualityGates: [
        { metric: 'p95_latency_ms', max: 50 },
        { metric: 'p50_latency_s', min: 0.06 },
      ],
    });
    expect(
      liveGateBreaches(m, [{ ...stable, latency: { p50: 0.05, p95: 0.0502 } }]),
    ).toEqual([
      'live p95 latency 50.2 ms on stable (v4) breaks the gate ≤ 50 ms',
      'live p50 latency 0.05 s on stable (v4) breaks the gate ≥ 0.06 s',
    ]);
  });

  it('says nothing inside the gates, or without traffic', () => {
    const loose = model({
      qualityGates: [{ metric: 'p95_latency_ms', max: 80 }],
    });
    expect(liveGateBreaches(loose, [stable])).toEqual([]);
    expect(liveGateBreaches(gated, [])).toEqual([]);
  });
});
