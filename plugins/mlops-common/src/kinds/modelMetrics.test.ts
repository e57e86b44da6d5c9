import { formatMetricValue, metricDisplay } from './modelMetrics';

describe('model metric display', () => {
  const model = {
    spec: {
      type: 'classification',
      lifecycle: 'production',
      owner: 'group:fraud-ml',
      metrics: [
        {
          name: 'p95_latency_ms',
          title: 'p95 latency',
          unit: 'ms',
          higherIsBetter: false,
        },
        { name: 'precision_at_1pct_fpr', title: 'Precision at 1% FPR' },
      ],
    },
  };

  it('takes the display name, unit and direction from spec.metrics', () => {
    expect(metricDisplay(model, 'p95_latency_ms')).toEqual({
      name: 'p95_latency_ms',
      title: 'p95 latency',
      unit: 'ms',
      higherIsBetter: false,
    });
    expect(metricDisplay(model, 'precision_at_1pct_fpr')).toMatchObject({
      title: 'Precision at 1% FPR',
      higherIsBetter: true,
    });
  });

  it('shows a metric the spec does not list by its key as written', () => {
    expect(metricDisplay(model, 'AUC_roc')).toEqual({
      name: 'AUC_roc',
      title: 'AUC_roc',
      unit: undefined,
      higherIsBetter: true,
    });
    expect(metricDisplay(undefined, 'f1').title).toBe('f1');
  });

  it('formats values in their unit', () => {
    expect(formatMetricValue(73.25, 'ms')).toBe('73.25 ms');
    expect(formatMetricValue(0.0123, 'ratio')).toBe('1.23%');
    expect(formatMetricValue(12.5, 'percent')).toBe('12.5%');
    expect(formatMetricValue(0.912345)).toBe('0.9123');
    expect(formatMetricValue(0.75)).toBe('0.75');
    expect(formatMetricValue(undefined, 'ms')).toBe('—');
  });
});
