import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DriftReport,
  HealthSeries,
  HealthSeriesMetric,
  HealthSource,
  ModelAlert,
  ModelEntityV1alpha1,
  ModelHealth,
  PredictorHealth,
} from '@mlops-portal/plugin-mlops-common';
import { PrometheusClient } from '../shared/prometheus/PrometheusClient';
import { PrometheusClients } from '../shared/prometheus/PrometheusClients';
import { DriftService } from './drift/DriftService';
import { ModelEntities } from '../shared/ModelEntities';
import { upstreamErrorToServiceError } from '../shared/errors/upstreamErrorToServiceError';
import { ServingPlatforms } from '../shared/ServingPlatforms';
import { CachedPrometheus } from '../shared/prometheus/CachedPrometheus';
import { HealthThresholds, healthStatus } from './healthStatus';
import { FeatureViewFreshnessReader, inputFreshness } from './inputFreshness';
import { liveGateBreaches } from './liveGateBreaches';
import {
  healthQueriesFor,
  HealthQueryTemplates,
  renderQuery,
} from './queryTemplates';

const QUANTILES = { p50: '0.5', p95: '0.95', p99: '0.99' } as const;

/** The health query template each series metric is read with. */
const QUERY_OF_METRIC: Record<
  HealthSeriesMetric,
  'requestRate' | 'errorRate' | 'latency'
> = {
  requestsPerSecond: 'requestRate',
  errorRate: 'errorRate',
  p50: 'latency',
  p95: 'latency',
  p99: 'latency',
};

/** Ranges the series route accepts, in seconds; the step keeps every chart near 120 points. */
export const SERIES_RANGES: Record<string, number> = {
  '15m': 900,
  '1h': 3600,
  '6h': 6 * 3600,
  '24h': 24 * 3600,
  '7d': 7 * 24 * 3600,
};

const message = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/** A stand-in client for a Prometheus that is not configured: every call fails with the configuration error. */
function unconfiguredPrometheus(name: string, error: string): PrometheusClient {
  const fail = () => Promise.reject(new Error(error));
  return {
    instanceName: name,
    query: fail,
    queryRange: fail,
    alerts: fail,
  } as unknown as PrometheusClient;
}

/**
 * A Model's health from Prometheus, without the viewer writing PromQL: traffic, errors and latency per predictor
 * (with the version each serves, read from the serving resource), live figures against the model's own quality
 * gates, the alerts carrying the Model's labels, input drift, the freshness of the feature views it reads (from
 * Feast, when a reader is given), and one status with its reasons. Each source fails on its own: the answer
 * keeps what it has and names what failed, and missing metrics make the status `unknown`, never `ok`. A batch
 * model (`spec.serving.mode: batch`) is scored in pipeline runs: its traffic is neither read nor missed.
 */
export class ModelHealthService {
  constructor(
    private readonly deps: {
      models: ModelEntities;
      clients: PrometheusClients;
      prometheus: CachedPrometheus;
      /** `mlops.health.queries`: over the serving platform's own queries. */
      queryOverrides: Partial<HealthQueryTemplates>;
      drift: DriftService;
      /** Feature view freshness (the feature views capability); without it inputs are not checked. */
      featureViews?: FeatureViewFreshnessReader;
      platforms: ServingPlatforms;
      thresholds: HealthThresholds;
      window: string;
    },
  ) {}

  async health(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ModelHealth> {
    const entity = await this.deps.models.getModel(entityRef, credentials);
    const prometheusName = entity.spec.monitoring?.prometheus;
    // No such Prometheus configured is a failure of every Prometheus source, answered like one.
    const client = (() => {
      try {
        return this.deps.clients.get(prometheusName);
      } catch (error) {
        return unconfiguredPrometheus(
          prometheusName ?? '(default)',
          message(error),
        );
      }
    })();
    const sources: HealthSource[] = [];
    const settle = async <T>(
      name: HealthSource['name'],
      work: () => Promise<T>,
    ): Promise<{ value?: T; error?: string }> => {
      try {
        const value = await work();
        sources.push({ name, ok: true });
        return { value };
      } catch (error) {
        sources.push({ name, ok: false, error: message(error) });
        return { error: message(error) };
      }
    };
    const batch = entity.spec.serving?.mode === 'batch';
    const none = <T>(value: T) => Promise.resolve({ value, error: undefined });
    const featureViews = this.deps.featureViews;
    const [metrics, versions, alerts, drift, inputs] = await Promise.all([
      batch
        ? none<Omit<PredictorHealth, 'version'>[]>([])
        : settle('metrics', () => this.predictors(entity, client)),
      entity.spec.serving?.platform && !batch
        ? settle('serving', () => this.servedVersions(entity))
        : none<Record<string, string>>({}),
      settle('alerts', () => this.alerts(entity, client)),
      settle('drift', () => this.deps.drift.report(entityRef, entity, client)),
      featureViews && entity.spec.featureViews?.length
        ? inputFreshness(entity, featureViews, credentials)
        : Promise.resolve(undefined),
    ]);
    if (inputs) {
      // Each view is read on its own; the source names the ones that could not be.
      const failed = inputs.filter(i => i.error);
      sources.push(
        failed.length
          ? {
              name: 'inputs',
              ok: false,
              error: failed.map(i => `${i.featureView}: ${i.error}`).join('; '),
            }
          : { name: 'inputs', ok: true },
      );
    }
    const predictors = (metrics.value ?? []).map(p => ({
      ...p,
      version: versions.value?.[p.predictor],
    }));
    const driftReport: DriftReport = drift.value ?? {
      source: 'none',
      verdict: 'unknown',
      share: 0,
      driftShare: 0.5,
      features: [],
      message: `drift unavailable: ${drift.error}`,
    };
    const { status, reasons } = healthStatus({
      batch,
      metricsError: metrics.error,
      predictors,
      gateBreaches: liveGateBreaches(entity, predictors),
      alerts: alerts.value ?? [],
      alertsError: alerts.error,
      drift: driftReport,
      inputs,
      thresholds: this.deps.thresholds,
    });
    return {
      entityRef,
      status,
      reasons,
      checkedAt: new Date().toISOString(),
      prometheus: client.instanceName,
      window: this.deps.window,
      predictors,
      alerts: alerts.value ?? [],
      drift: driftReport,
      ...(inputs ? { inputs } : {}),
      servingMode: batch ? 'batch' : 'online',
      sources: sources.sort((a, b) => a.name.localeCompare(b.name)),
      thresholds: this.deps.thresholds,
    };
  }

  async series(
    entityRef: string,
    metric: HealthSeriesMetric,
    range: string,
    credentials: BackstageCredentials,
  ): Promise<HealthSeries> {
    const rangeSeconds = SERIES_RANGES[range];
    if (!rangeSeconds) {
      throw new InputError(
        `range must be one of ${Object.keys(SERIES_RANGES).join(', ')}`,
      );
    }
    const entity = await this.deps.models.getModel(entityRef, credentials);
    const client = this.deps.clients.get(entity.spec.monitoring?.prometheus);
    const stepSeconds = Math.max(15, Math.round(rangeSeconds / 120));
    // The rate window spans at least one step, so no point falls between samples.
    const window = `${Math.max(stepSeconds, 60)}s`;
    const query = this.render(entity, metric, window);
    const [series, versions] = await Promise.all([
      this.deps.prometheus
        .queryRange(client, query, rangeSeconds, stepSeconds)
        .catch(error => {
          throw upstreamErrorToServiceError(error);
        }),
      entity.spec.serving?.platform
        ? this.servedVersions(entity).catch(
            () => ({} as Record<string, string>),
          )
        : Promise.resolve({} as Record<string, string>),
    ]);
    return {
      metric,
      range,
      stepSeconds,
      series: series.map(s => ({
        predictor: s.metric.predictor_name ?? '(all)',
        version: versions[s.metric.predictor_name ?? ''],
        points: s.points
          .filter(p => Number.isFinite(p.value))
          .map(p => ({ t: p.timestamp, v: p.value })),
      })),
    };
  }

  private render(
    entity: ModelEntityV1alpha1,
    metric: HealthSeriesMetric,
    window: string,
  ): string {
    const serving = entity.spec.serving;
    if (!serving?.namespace || !serving.resourceName) {
      throw new InputError(
        `${entity.metadata.name} declares no spec.serving namespace and resourceName to read metrics for`,
      );
    }
    const values = {
      model: entity.spec.registry?.modelName ?? entity.metadata.name,
      namespace: serving.namespace,
      deployment: serving.resourceName,
      window,
    };
    const queries = healthQueriesFor(
      this.deps.platforms.find(serving.platform)?.healthQueries,
      this.deps.queryOverrides,
    );
    const key = QUERY_OF_METRIC[metric];
    if (!queries[key]) {
      throw new InputError(
        `No serving platform '${serving.platform}' is installed to read ${key} from, and mlops.health.queries.${key} is not set`,
      );
    }
    return renderQuery(queries[key], {
      ...values,
      ...(key === 'latency' ? { quantile: QUANTILES[metric as 'p50'] } : {}),
    });
  }

  private async predictors(
    entity: ModelEntityV1alpha1,
    client: PrometheusClient,
  ): Promise<Omit<PredictorHealth, 'version'>[]> {
    const metrics: HealthSeriesMetric[] = [
      'requestsPerSecond',
      'errorRate',
      'p50',
      'p95',
      'p99',
    ];
    const results = await Promise.all(
      metrics.map(m =>
        this.deps.prometheus.query(
          client,
          this.render(entity, m, this.deps.window),
        ),
      ),
    );
    const byPredictor = new Map<string, Omit<PredictorHealth, 'version'>>();
    results.forEach((samples, i) => {
      for (const sample of samples) {
        const name = sample.metric.predictor_name ?? '(all)';
        const entry = byPredictor.get(name) ?? { predictor: name, latency: {} };
        const value = Number.isFinite(sample.value) ? sample.value : undefined;
        const metric = metrics[i];
        if (metric === 'requestsPerSecond' || metric === 'errorRate') {
          entry[metric] = value;
        } else {
          entry.latency[metric] = value;
        }
        byPredictor.set(name, entry);
      }
    });
    return [...byPredictor.values()]
      .filter(p => (p.requestsPerSecond ?? 0) > 0)
      .sort((a, b) => a.predictor.localeCompare(b.predictor));
  }

  private async servedVersions(
    entity: ModelEntityV1alpha1,
  ): Promise<Record<string, string>> {
    const serving = entity.spec.serving!;
    const platform = this.deps.platforms.find(serving.platform);
    if (
      !platform ||
      !serving.cluster ||
      !serving.namespace ||
      !serving.resourceName
    ) {
      return {};
    }
    const target = {
      cluster: serving.cluster,
      namespace: serving.namespace,
      name: serving.resourceName,
    };
    const [split, arms] = await Promise.all([
      platform.router.readSplit(target),
      platform.metricPredictors?.(target) ??
        Promise.resolve({ stable: 'stable', canary: 'canary' }),
    ]);
    const versions: Record<string, string> = {};
    if (split.stable.version) versions[arms.stable] = split.stable.version;
    if (split.canary?.version && arms.canary) {
      versions[arms.canary] = split.canary.version;
    }
    return versions;
  }

  /** Firing and pending alerts labelled with the Model: `model` = its registered model, or its serving resource. */
  private async alerts(
    entity: ModelEntityV1alpha1,
    client: PrometheusClient,
  ): Promise<ModelAlert[]> {
    const model = entity.spec.registry?.modelName ?? entity.metadata.name;
    const serving = entity.spec.serving;
    const all = await this.deps.prometheus.alerts(client);
    return (
      all
        .filter(a => a.state === 'firing' || a.state === 'pending')
        .filter(
          a =>
            a.labels.model === model ||
            (serving?.resourceName !== undefined &&
              a.labels.deployment_name === serving.resourceName &&
              (!a.labels.namespace ||
                a.labels.namespace === serving.namespace)),
        )
        .map(a => ({
          name: a.labels.alertname ?? '(unnamed)',
          state: a.state as 'firing' | 'pending',
          severity: a.labels.severity,
          summary: a.annotations.summary ?? a.annotations.description,
          activeAt: a.activeAt,
          labels: a.labels,
        }))
        // Firing before pending, then by name.
        .sort(
          (a, b) =>
            Number(b.state === 'firing') - Number(a.state === 'firing') ||
            a.name.localeCompare(b.name),
        )
    );
  }
}
