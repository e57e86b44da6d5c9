import {
  DriftReport,
  FeatureDriftResult,
  ModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import { PrometheusClient } from '../../shared/prometheus/PrometheusClient';
import { ChampionSource } from './ChampionLookup';
import {
  DriftReferenceStore,
  StoredDriftReference,
} from './DriftReferenceStore';
import {
  DRIFT_REFERENCE_ARTIFACT,
  parseDriftReferenceArtifact,
} from './parseDriftReferenceArtifact';
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
 *    `queries.featureCategories`) over the drift window, against the Model's reference, taken deliberately and
 *    in this order for the current champion version:
 *    a. `training-run`: the distributions logged with the champion's training run (`drift/reference.json`);
 *    b. `after-promotion`: the drift window right after the champion alias moved to the version (the promotion
 *       history's completion time), read from Prometheus once that window has passed;
 *    c. `first-look`: the first distributions the portal sees, only as a fallback and with a `warning` saying
 *       why a and b were not available: today's data measured against itself scores near zero by construction.
 *    A reference once taken is stored (`mlops_drift_references`) per Model, source and champion version.
 */
export class DriftService {
  constructor(
    private readonly deps: {
      prometheus: CachedPrometheus;
      queries: HealthQueryTemplates;
      references: DriftReferenceStore;
      window: string;
      /** The champion and its training run; without it only the first look is available. */
      champions?: ChampionSource;
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
    const { reference, warning } = await this.reference(
      entityRef,
      entity,
      client,
      current,
    );
    const { features, unmatched, unreferenced, enough } = score(
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
            reference.distributions,
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
        `Fewer than ${minSamples} observations in the last ${this.deps.window} for some features; no verdict yet`,
      );
    }
    if (notes.length) {
      report.message = notes.join('. ');
    }
    return report;
  }

  /**
   * The reference of the current champion, in the order of the class comment. Each source that is unavailable
   * adds its reason, and the first look carries them all as its warning.
   */
  private async reference(
    entityRef: string,
    entity: ModelEntityV1alpha1,
    client: PrometheusClient,
    current: FeatureDistributions,
  ): Promise<{ reference: StoredDriftReference; warning?: string }> {
    const references = this.deps.references;
    const why: string[] = [];
    const champion = this.deps.champions
      ? await this.deps.champions.champion(entityRef, entity)
      : { notes: ['the portal reads no registry for drift'] };
    why.push(...champion.notes);
    const { version } = champion;
    if (version !== undefined) {
      const taken =
        (await references.find(entityRef, 'training-run', version)) ??
        (await this.trainingRunReference(entityRef, entity, version, why));
      if (taken) {
        return { reference: taken };
      }
      const after =
        (await references.find(entityRef, 'after-promotion', version)) ??
        (await this.afterPromotionReference(
          entityRef,
          entity,
          client,
          { ...champion, version },
          why,
        ));
      if (after) {
        return { reference: after };
      }
    }
    let first = await references.find(entityRef, 'first-look', version);
    if (!first) {
      first = {
        entityRef,
        source: 'first-look',
        version,
        reason: 'first look at the model: its current distributions',
        capturedAt: this.now().toISOString(),
        distributions: current,
      };
      await references.add(first);
    }
    return {
      reference: first,
      warning: `Drift is measured against the first distributions the portal saw (${
        first.capturedAt
      }), which start close to today's by construction, not against a deliberate reference${
        why.length ? `: ${why.join('; ')}` : ''
      }.`,
    };
  }

  /** (a) The distributions logged with the champion's training run, stored once read. */
  private async trainingRunReference(
    entityRef: string,
    entity: ModelEntityV1alpha1,
    version: string,
    why: string[],
  ): Promise<StoredDriftReference | undefined> {
    let text: string | undefined;
    try {
      text = await this.deps.champions!.trainingReference(entity, version);
    } catch (error) {
      why.push(
        `v${version}'s training run's ${DRIFT_REFERENCE_ARTIFACT} could not be read (${errorText(
          error,
        )})`,
      );
      return undefined;
    }
    if (text === undefined) {
      why.push(
        `v${version}'s training run logged no ${DRIFT_REFERENCE_ARTIFACT}`,
      );
      return undefined;
    }
    let distributions: FeatureDistributions;
    try {
      distributions = parseDriftReferenceArtifact(text);
    } catch (error) {
      why.push(`v${version}'s ${errorText(error)}`);
      return undefined;
    }
    const reference: StoredDriftReference = {
      entityRef,
      source: 'training-run',
      version,
      reason: `the distributions logged with v${version}'s training run (${DRIFT_REFERENCE_ARTIFACT})`,
      capturedAt: this.now().toISOString(),
      distributions,
    };
    await this.deps.references.add(reference);
    return reference;
  }

  /** (b) The drift window right after the champion alias moved to the version, once that window has passed. */
  private async afterPromotionReference(
    entityRef: string,
    entity: ModelEntityV1alpha1,
    client: PrometheusClient,
    champion: { version: string; promotedAt?: string; promotionId?: string },
    why: string[],
  ): Promise<StoredDriftReference | undefined> {
    const { version, promotedAt, promotionId } = champion;
    if (!promotedAt) {
      why.push(
        `the promotion history has no move of the champion alias to v${version}`,
      );
      return undefined;
    }
    const window = this.deps.window;
    const end = new Date(
      Date.parse(promotedAt) +
        parseDuration(window, 'mlops.health.driftWindow'),
    );
    if (end > this.now()) {
      why.push(
        `the ${window} after v${version} became champion ends at ${end.toISOString()}, and becomes the reference then`,
      );
      return undefined;
    }
    const model = entity.spec.registry?.modelName ?? entity.metadata.name;
    const distributions = await this.currentDistributions(model, client, end);
    if (
      !Object.keys(distributions.numerical).length &&
      !Object.keys(distributions.categorical).length
    ) {
      why.push(
        `Prometheus has no feature histograms for the ${window} after v${version} became champion`,
      );
      return undefined;
    }
    const reference: StoredDriftReference = {
      entityRef,
      source: 'after-promotion',
      version,
      reason: `the ${window} after v${version} became champion${
        promotionId ? ` (promotion ${promotionId})` : ''
      }`,
      capturedAt: end.toISOString(),
      distributions,
    };
    await this.deps.references.add(reference);
    return reference;
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

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Every feature of `current` scored against `reference` by its rule. */
function score(
  current: FeatureDistributions,
  reference: FeatureDistributions,
  spec: DriftSpec | undefined,
): {
  features: FeatureDriftResult[];
  unmatched: string[];
  unreferenced: string[];
  enough: boolean;
} {
  const minSamples = spec?.minSamples ?? DEFAULT_MIN_SAMPLES;
  const features: FeatureDriftResult[] = [];
  const unmatched: string[] = [];
  const unreferenced: string[] = [];
  let enough = true;
  for (const [feature, cur] of Object.entries(current.numerical)) {
    const ref = reference.numerical[feature];
    const samples = cur.counts.reduce((a, b) => a + b, 0);
    if (!ref) {
      unreferenced.push(feature);
      continue;
    }
    if (!sameBounds(ref.upperBounds, cur.upperBounds)) {
      unmatched.push(feature);
      continue;
    }
    if (samples < minSamples) {
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
    if (!ref) {
      unreferenced.push(feature);
      continue;
    }
    if (samples < minSamples) {
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
  return { features, unmatched, unreferenced, enough };
}
