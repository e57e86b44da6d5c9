import { assessMetric } from './assessMetric';
import { AnalysisMetric, Measurement, MeasurementPhase } from './analysisTypes';

const metric: AnalysisMetric = {
  name: 'error-rate',
  query: 'q',
  successCondition: { operator: '<=', threshold: 0.02 },
  intervalSeconds: 60,
  initialDelaySeconds: 0,
  count: 3,
  failureLimit: 1,
  inconclusiveLimit: 0,
  consecutiveErrorLimit: 2,
};
const measured = (...phases: MeasurementPhase[]): Measurement[] =>
  phases.map((phase, i) => ({
    metric: 'error-rate',
    phase,
    at: `t${i}`,
    query: 'q',
  }));

describe('assessMetric (Argo Rollouts semantics)', () => {
  it('runs until count measurements, then succeeds', () => {
    expect(assessMetric(metric, measured('Successful', 'Successful'))).toBe(
      'Running',
    );
    expect(
      assessMetric(metric, measured('Successful', 'Successful', 'Successful')),
    ).toBe('Successful');
  });

  it('fails when failures exceed failureLimit, counting them cumulatively', () => {
    expect(assessMetric(metric, measured('Failed', 'Successful'))).toBe(
      'Running',
    );
    expect(
      assessMetric(metric, measured('Failed', 'Successful', 'Failed')),
    ).toBe('Failed');
  });

  it('is inconclusive when inconclusive measurements exceed their limit', () => {
    expect(assessMetric(metric, measured('Successful', 'Inconclusive'))).toBe(
      'Inconclusive',
    );
  });

  it('errors only when consecutive errors exceed the limit; errors do not count as measurements', () => {
    expect(
      assessMetric(metric, measured('Error', 'Successful', 'Error', 'Error')),
    ).toBe('Running');
    expect(
      assessMetric(metric, measured('Successful', 'Error', 'Error', 'Error')),
    ).toBe('Error');
    expect(
      assessMetric(
        metric,
        measured('Successful', 'Error', 'Successful', 'Successful'),
      ),
    ).toBe('Successful');
  });

  it('ignores other metrics', () => {
    const other = measured('Failed', 'Failed', 'Failed').map(m => ({
      ...m,
      metric: 'latency',
    }));
    expect(assessMetric(metric, other)).toBe('Running');
  });
});
