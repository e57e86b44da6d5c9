import { evaluateQualityGates } from './evaluateQualityGates';

describe('evaluateQualityGates', () => {
  const candidate = {
    version: '6',
    metrics: { auc: 0.93, p95_latency_ms: 38, f1: 0.74 },
  };
  const champion = {
    version: '4',
    metrics: { auc: 0.92, p95_latency_ms: 36, f1: 0.79 },
  };

  it('checks inclusive absolute bounds, one result per bound', () => {
    const results = evaluateQualityGates(
      [
        { metric: 'auc', min: 0.93, max: 0.99 },
        { metric: 'p95_latency_ms', max: 35 },
      ],
      candidate,
    );
    expect(results.map(r => [r.metric, r.kind, r.passed])).toEqual([
      ['auc', 'min', true],
      ['auc', 'max', true],
      ['p95_latency_ms', 'max', false],
    ]);
    expect(results[2].reason).toBe(
      'p95_latency_ms = 38 is above the maximum 35',
    );
  });

  it('fails a gate whose metric the run did not log, saying so', () => {
    const [result] = evaluateQualityGates(
      [{ metric: 'recall', min: 0.5 }],
      candidate,
    );
    expect(result).toMatchObject({ passed: false, measured: undefined });
    expect(result.reason).toBe('recall is not logged in the run of version 6');
  });

  it('compares regression gates with the champion', () => {
    const [f1, latency] = evaluateQualityGates(
      [
        { metric: 'f1', minRatioOfChampion: 0.95 },
        { metric: 'p95_latency_ms', maxRatioOfChampion: 1.1 },
      ],
      candidate,
      champion,
    );
    expect(f1).toMatchObject({ passed: false, champion: 0.79 });
    expect(f1.effectiveThreshold).toBeCloseTo(0.7505);
    expect(latency).toMatchObject({ passed: true, champion: 36 });
  });

  it('passes regression gates without a champion, and fails them when the champion lacks the metric', () => {
    expect(
      evaluateQualityGates(
        [{ metric: 'f1', minRatioOfChampion: 0.95 }],
        candidate,
      )[0],
    ).toMatchObject({ passed: true, reason: 'no champion to compare with' });
    expect(
      evaluateQualityGates(
        [{ metric: 'f1', minRatioOfChampion: 0.95 }],
        candidate,
        {
          version: '1',
          metrics: {},
        },
      )[0],
    ).toMatchObject({
      passed: false,
      reason: 'f1 is not logged in the run of champion version 1',
    });
  });
});
