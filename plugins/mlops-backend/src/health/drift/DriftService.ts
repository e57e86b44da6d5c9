import {
  DriftReport,
  ModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import { PrometheusClient } from '../../shared/prometheus/PrometheusClient';
import { ChampionSource } from './ChampionLookup';
import { DriftReferenceStore } from './DriftReferenceStore';
import { parseDuration } from '../../shared/duration';
import { CachedPrometheus } from '../../shared/prometheus/CachedPrometheus';
import { HealthQueryTemplates, renderQuery } from '../queryTemplates';
import { DEFAULT_DRIFT_SHARE } from '../../shared/statistics/driftStatistics';
import { DriftReferenceChooser } from './DriftReferenceChooser';
import { FeatureDistributionReader } from './FeatureDistributionReader';
import { DEFAULT_MIN_SAMPLES, scoreFeatures } from './scoreFeatures';
import {
  driftVerdict,
  exportedGaugeFeatures,
  histogramDriftReport,
} from './driftReportAssembly';

/** Scores per feature trend: the current one and five earlier windows. */
const TREND_POINTS = 6;

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
 *
 * Its parts: the reference is chosen by `DriftReferenceChooser`, distributions are read by
 * `FeatureDistributionReader`, features are scored by `scoreFeatures`, and the answer is assembled in
 * `driftReportAssembly`.
 */
export class DriftService {
  private readonly distributions: FeatureDistributionReader;
  private readonly references: DriftReferenceChooser;

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
  ) {
    this.distributions = new FeatureDistributionReader(deps);
    this.references = new DriftReferenceChooser({
      references: deps.references,
      distributions: this.distributions,
      window: deps.window,
      champions: deps.champions,
      clock: deps.clock,
    });
  }

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
      const features = exportedGaugeFeatures(gauges, past, spec);
      return driftVerdict('gauges', features, driftShare);
    }

    const current = await this.distributions.read(model, client);
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
    const { reference, warning } = await this.references.choose(
      entityRef,
      entity,
      client,
      current,
    );
    const { features, unmatched, unreferenced, enough } = scoreFeatures(
      current,
      reference.distributions,
      spec,
    );
    // The same comparison at earlier times, for each feature's trend (oldest first, current last).
    const past = await Promise.all(
      this.trendTimes().map(
        async t =>
          scoreFeatures(
            await this.distributions.read(model, client, t),
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
    return histogramDriftReport({
      features,
      driftShare,
      window: this.deps.window,
      reference,
      warning,
      unmatched,
      unreferenced,
      enough,
      minSamples: spec?.minSamples ?? DEFAULT_MIN_SAMPLES,
    });
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
