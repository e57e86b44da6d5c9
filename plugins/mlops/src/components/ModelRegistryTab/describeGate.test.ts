import { GateResult } from '@mlops-portal/plugin-mlops-common';
import { modelWithMetrics } from '../../__testUtils__/registryTestData';
import { describeGate } from './describeGate';

const f1Gate = (over: Partial<GateResult>): GateResult => ({
  metric: 'f1',
  kind: 'minRatioOfChampion',
  threshold: 0.95,
  passed: true,
  ...over,
});

describe('describeGate', () => {
  it('words an absolute bound in the metric’s unit, and a maximum as such', () => {
    expect(
      describeGate(
        {
          metric: 'p95_latency_ms',
          kind: 'max',
          threshold: 50,
          effectiveThreshold: 50,
          measured: 73,
          passed: false,
        },
        modelWithMetrics(),
      ),
    ).toEqual({
      bound: 'p95 latency ≤ 50 ms',
      measured: '73 ms',
      failure: 'p95 latency 73 ms is above the maximum 50 ms',
      note: undefined,
    });
  });

  it('shows the ratio alone, with the backend’s note, when there is no champion to compute from', () => {
    expect(
      describeGate(
        f1Gate({ measured: 0.74, reason: 'no champion to compare with' }),
      ),
    ).toMatchObject({
      bound: 'f1 ≥ 0.95 × champion',
      measured: '0.74',
      failure: undefined,
      note: 'no champion to compare with',
    });
  });

  it('says when the candidate did not log the metric, and keeps the backend’s reason when the champion did not', () => {
    expect(describeGate(f1Gate({ passed: false })).failure).toBe(
      "f1 is not logged in this version's run",
    );
    expect(
      describeGate(
        f1Gate({
          measured: 0.74,
          passed: false,
          reason: 'f1 is not logged in the run of champion version 4',
        }),
      ).failure,
    ).toBe('f1 is not logged in the run of champion version 4');
  });
});
