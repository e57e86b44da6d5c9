import {
  DriftReport,
  FeatureDriftResult,
  ModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import { PrometheusClient } from '../../shared/prometheus/PrometheusClient';
import { DriftReferenceStore } from './DriftReferenceStore';
import { parseDuration } from '../../shared/duration';
import { CachedPrometheus } from '../../shared/prometheus/CachedPrometheus';
import { HealthQueryTemplates, renderQuery } from '../queryTemplates';
import {
  datasetDrift,
  DEFAULT_DRIFT_SHARE,
  DEFAULT_DRIFT_THRESHOLDS,
  DriftMethod,
  featureDrift,
} from '../../shared/statistics/driftStatistics';
import {
  bucketMidpoints,
  categoricalFromCounters,
  FeatureDistributions,
  numericalFromBuckets,
} from '../../shared/statistics/featureHistograms';

const DEFAULT_MIN_SAMPLES = 100;
/** Scores per feature trend: the current one and five earlier windows. */
const TREND_POINTS = 6;
const METHODS: DriftMethod[] = [
  'psi',
  'jensenshannon',
  'wasserstein',
  'chisquare',
];

type DriftSpec = NonNullable<
  NonNullable<ModelEntityV1alpha1['spec']['monitoring']>['drift']
>;

/** The method and threshold of one feature: its override, else the Model's, else the defaults of §6. */
export function driftRule(
  spec: DriftSpec | undefined,
  feature: string,
  fallback: DriftMethod,
): { method: DriftMethod; threshold: number } {
  const override = spec?.features?.[feature];
  const method =
    (typeof override === 'object' ? override.method : undefined) ??
    spec?.method ??
    fallback;
  const threshold =
    (typeof override === 'number' ? override : override?.threshold) ??
    spec?.threshold ??
    DEFAULT_DRIFT_THRESHOLDS[method];
  return { method, threshold };
}

/**
 * Drift of a Model's inputs, per feature and for the dataset, from one of two sources:
 * 1. drift gauges a monitoring job exports (`queries.driftScore`), taken as they are;
 * 2. otherwise computed here from the feature histograms the model server exports (`queries.featureHistogram`,
 *    `queries.featureCategories`) over the drift window, against the Model's reference: a snapshot of the same
 *    histograms stored when a version became champion, or, when the Model has none yet, the first one seen.
 */
export class DriftService {
  constructor(
    private readonly deps: {
      prometheus: CachedPrometheus;
      queries: HealthQueryTemplates;
      references: DriftReferenceStore;
      window: string;
      clock?: () => Date;
    },
  ) {}

  async report(
    entityRef: string,
    entity: ModelEntityV1alpha1,
    client: PrometheusClient,
  ): Promise<DriftReport> {
    const spec = entity.spec.monitoring?.drift;
    const driftShare = spec?.driftShare ?? DEFAULT_DRIFT_SHARE;
    const model = entity.spec.registry?.modelName ?? entity.metadata.name;
    const times = this.trendTimes();
    const gaugeQuery = renderQuery(this.deps.queries.driftScore, { model });
    const gauges = await this.deps.prometheus.query(client, gaugeQuery);
    if (gauges.length) {
      const past = await Promise.all(
        times.map(t => this.deps.prometheus.query(client, gaugeQuery, t)),
      );
      const features = gauges.map(sample => {
        const name = sample.metric.feature ?? '(unnamed)';
        const label = sample.metric.method as DriftMethod;
        const { method, threshold } = driftRule(
          spec,
          name,
          METHODS.includes(label) ? label : 'psi',
        );
        const trend = [
          ...past.map(
            samples =>
              samples.find(p => p.metric.feature === name)?.value ?? NaN,
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
      return this.verdict('gauges', features, driftShare);
    }

    const current = await this.currentDistributions(model, client);
    const names = [
      ...Object.keys(current.numerical),
      ...Object.keys(current.categorical),
    ];
    if (!names.length) {
      return {
        source: 'none',
        verdict: 'unknown',
        share: 0,
        driftShare,
        features: [],
        message: `No drift gauges and no feature histograms for model "${model}" in Prometheus`,
      };
    }
    let reference = await this.deps.references.latest(entityRef);
    if (!reference) {
      reference = {
        entityRef,
        reason: 'first look at the model: its current distributions',
        capturedAt: this.now().toISOString(),
        distributions: current,
      };
      await this.deps.references.add(reference);
    }
    const { features, unmatched, enough } = score(
      current,
      reference.distributions,
      spec,
    );
    // The same comparison at earlier times, for each feature's trend (oldest first, current last).
    const past = await Promise.all(
      this.trendTimes().map(
        async t =>
          score(
            await this.currentDistributions(model, client, t),
            reference!.distributions,
            spec,
          ).features,
      ),
    );
    for (const f of features) {
      f.trend = [
        ...past.flatMap(
          list => list.find(p => p.feature === f.feature)?.score ?? [],
        ),
        f.score,
      ];
    }
    const minSamples = spec?.minSamples ?? DEFAULT_MIN_SAMPLES;
    const report = this.verdict('histograms', features, driftShare);
    report.window = this.deps.window;
    report.reference = {
      capturedAt: reference.capturedAt,
      version: reference.version,
      reason: reference.reason,
    };
    if (unmatched.length) {
      report.message = `Not compared: ${unmatched.join(
        ', ',
      )} (their histogram buckets changed since the reference)`;
    }
    if (!enough) {
      report.verdict = 'insufficient-data';
      report.message = `Fewer than ${minSamples} observations in the last ${this.deps.window} for some features; no verdict yet`;
    }
    return report;
  }

  /** Stores the Model's current distributions as its drift reference (e.g. when a version becomes champion). */
  async captureReference(
    entityRef: string,
    entity: ModelEntityV1alpha1,
    client: PrometheusClient,
    details: { version?: string; reason: string },
  ): Promise<boolean> {
    const model = entity.spec.registry?.modelName ?? entity.metadata.name;
    const distributions = await this.currentDistributions(model, client);
    if (
      !Object.keys(distributions.numerical).length &&
      !Object.keys(distributions.categorical).length
    ) {
      return false;
    }
    await this.deps.references.add({
      entityRef,
      ...details,
      capturedAt: this.now().toISOString(),
      distributions,
    });
    return true;
  }

  private async currentDistributions(
    model: string,
    client: PrometheusClient,
    time?: Date,
  ): Promise<FeatureDistributions> {
    const values = { model, window: this.deps.window };
    const [buckets, categories] = await Promise.all([
      this.deps.prometheus.query(
        client,
        renderQuery(this.deps.queries.featureHistogram, values),
        time,
      ),
      this.deps.prometheus.query(
        client,
        renderQuery(this.deps.queries.featureCategories, values),
        time,
      ),
    ]);
    return {
      numerical: numericalFromBuckets(buckets),
      categorical: categoricalFromCounters(categories),
    };
  }

  private verdict(
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

  /** The earlier evaluation times of a trend: one window apart, aligned so that viewers share the queries. */
  private trendTimes(): Date[] {
    const step = parseDuration(this.deps.window, 'mlops.health.driftWindow');
    const aligned = Math.floor(this.now().getTime() / step) * step;
    return Array.from(
      { length: TREND_POINTS - 1 },
      (_, i) => new Date(aligned - (TREND_POINTS - 1 - i) * step),
    );
  }

  private now() {
    return this.deps.clock?.() ?? new Date();
  }
}

function sameBounds(a: number[], b: number[]) {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Every feature of `current` scored against `reference` by its rule. */
function score(
  current: FeatureDistributions,
  reference: FeatureDistributions,
  spec: DriftSpec | undefined,
): { features: FeatureDriftResult[]; unmatched: string[]; enough: boolean } {
  const minSamples = spec?.minSamples ?? DEFAULT_MIN_SAMPLES;
  const features: FeatureDriftResult[] = [];
  const unmatched: string[] = [];
  let enough = true;
  for (const [feature, cur] of Object.entries(current.numerical)) {
    const ref = reference.numerical[feature];
    const samples = cur.counts.reduce((a, b) => a + b, 0);
    if (ref && !sameBounds(ref.upperBounds, cur.upperBounds)) {
      unmatched.push(feature);
      continue;
    }
    if (!ref || samples < minSamples) {
      enough = enough && samples >= minSamples;
      continue;
    }
    const rule = driftRule(spec, feature, 'wasserstein');
    features.push({
      feature,
      kind: 'numerical',
      samples,
      ...featureDrift({
        ...rule,
        reference: ref.counts,
        current: cur.counts,
        midpoints: bucketMidpoints(cur.upperBounds),
      }),
    });
  }
  for (const [feature, cur] of Object.entries(current.categorical)) {
    const ref = reference.categorical[feature];
    const categories = [
      ...new Set([...Object.keys(ref ?? {}), ...Object.keys(cur)]),
    ].sort();
    const counts = categories.map(c => cur[c] ?? 0);
    const samples = counts.reduce((a, b) => a + b, 0);
    if (!ref || samples < minSamples) {
      enough = enough && samples >= minSamples;
      continue;
    }
    const rule = driftRule(spec, feature, 'jensenshannon');
    features.push({
      feature,
      kind: 'categorical',
      samples,
      ...featureDrift({
        ...rule,
        reference: categories.map(c => ref[c] ?? 0),
        current: counts,
      }),
    });
  }
  return { features, unmatched, enough };
}
