import {
  DriftReport,
  DriftSpec,
  driftRuleOf,
  FeatureDriftResult,
} from '@mlops-portal/plugin-mlops-common';
import { PrometheusSample } from '../../shared/prometheus/PrometheusClient';
import {
  datasetDrift,
  DriftMethod,
} from '../../shared/statistics/driftStatistics';
import { StoredDriftReference } from './DriftReferenceStore';

const METHODS: DriftMethod[] = [
  'psi',
  'jensenshannon',
  'wasserstein',
  'chisquare',
];

/** The dataset verdict over scored features, sorted by name. */
export function driftVerdict(
  source: DriftReport['source'],
  features: FeatureDriftResult[],
  driftShare: number,
): DriftReport {
  const dataset = datasetDrift(features, driftShare);
  return {
    source,
    verdict: dataset.drifted ? 'drifted' : 'stable',
    share: dataset.share,
    driftShare,
    features: features.sort((a, b) => a.feature.localeCompare(b.feature)),
  };
}

/** The features of exported drift gauges, taken as they are, with their trend from the gauges at earlier times. */
export function exportedGaugeFeatures(
  gauges: PrometheusSample[],
  past: PrometheusSample[][],
  spec: DriftSpec | undefined,
): FeatureDriftResult[] {
  return gauges.map(sample => {
    const name = sample.metric.feature ?? '(unnamed)';
    const label = sample.metric.method as DriftMethod;
    const { method, threshold } = driftRuleOf(
      spec,
      name,
      METHODS.includes(label) ? label : 'psi',
    );
    const trend = [
      ...past.map(
        samples => samples.find(p => p.metric.feature === name)?.value ?? NaN,
      ),
      sample.value,
    ];
    return {
      feature: name,
      kind: 'exported' as const,
      method: sample.metric.method ?? method,
      score: sample.value,
      threshold,
      drifted:
        method === 'chisquare'
          ? sample.value < threshold
          : sample.value >= threshold,
      trend: trend.filter(Number.isFinite),
    };
  });
}

/** The report of features computed from histograms: its reference, and notes on what was not compared. */
export function histogramDriftReport(input: {
  features: FeatureDriftResult[];
  driftShare: number;
  window: string;
  reference: StoredDriftReference;
  warning?: string;
  unmatched: string[];
  unreferenced: string[];
  enough: boolean;
  minSamples: number;
}): DriftReport {
  const { reference, warning, unmatched, unreferenced, enough, minSamples } =
    input;
  const report = driftVerdict('histograms', input.features, input.driftShare);
  report.window = input.window;
  report.reference = {
    source: reference.source,
    capturedAt: reference.capturedAt,
    version: reference.version,
    reason: reference.reason,
    ...(warning ? { warning } : {}),
  };
  const notes: string[] = [];
  if (unmatched.length) {
    notes.push(
      `Not compared: ${unmatched.join(
        ', ',
      )} (their buckets differ from the reference's)`,
    );
  }
  if (unreferenced.length) {
    notes.push(`Not in the reference: ${unreferenced.join(', ')}`);
  }
  if (!enough) {
    report.verdict = 'insufficient-data';
    notes.unshift(
      `Fewer than ${minSamples} observations in the last ${input.window} for some features; no verdict yet`,
    );
  }
  if (notes.length) {
    report.message = notes.join('. ');
  }
  return report;
}
