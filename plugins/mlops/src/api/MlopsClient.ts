import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  FeatureViewStatus,
  PromotionHistory,
  PromotionHistoryQuery,
  PromotionPlan,
  PromotionRecord,
  RegistryView,
  RollbackRequest,
  RolloutList,
  RolloutRecord,
  HealthSeries,
  HealthSeriesMetric,
  LiveServing,
  ModelCard,
  ServingGitOps,
  ModelHealth,
  PipelineRunsView,
  PipelineRunSummary,
  RetrainingRun,
  ReturnToStableRequest,
} from '@mlops-portal/plugin-mlops-common';
import {
  MlopsApi,
  PromoteRequest,
  QualityGatesFailedError,
  RolloutAction,
  StartPipelineRunRequest,
  StartRolloutRequest,
} from './MlopsApi';
import { backendResponseError } from './backendResponseError';

/**
 * {@link MlopsApi} over HTTP, with the signed-in user's credentials (fetchApi adds them).
 *
 * @public
 */
export class MlopsClient implements MlopsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  /** The Model's registry entry: its registered model, aliases and versions. */
  getRegistry(entityRef: string): Promise<RegistryView> {
    return this.call('GET', `${this.entityPath(entityRef)}/registry`);
  }

  /** The Model's card: written sections and their source, what is missing, and the facts. */
  getModelCard(entityRef: string): Promise<ModelCard> {
    return this.call('GET', `${this.entityPath(entityRef)}/model-card`);
  }

  /** The Model's promotion history, optionally for one alias or as the aliases stood at a time. */
  getPromotionHistory(
    entityRef: string,
    options: PromotionHistoryQuery = {},
  ): Promise<PromotionHistory> {
    const query = new URLSearchParams(
      Object.entries(options).filter((e): e is [string, string] =>
        Boolean(e[1]),
      ),
    );
    return this.call(
      'GET',
      `${this.entityPath(entityRef)}/promotions?${query}`,
    );
  }

  /** Points an alias at a version; a `QualityGatesFailedError` when quality gates stop it. */
  promote(
    entityRef: string,
    request: PromoteRequest,
  ): Promise<PromotionRecord> {
    return this.call(
      'POST',
      `${this.entityPath(entityRef)}/promotions`,
      request,
    );
  }

  /** What promoting would do (a dry run): nothing is recorded or moved. */
  planPromotion(
    entityRef: string,
    request: PromoteRequest,
  ): Promise<PromotionPlan> {
    return this.call('POST', `${this.entityPath(entityRef)}/promotions`, {
      ...request,
      dryRun: true,
    });
  }

  /** Points an alias back at where it pointed before. */
  rollback(
    entityRef: string,
    request: RollbackRequest,
  ): Promise<PromotionRecord> {
    return this.call(
      'POST',
      `${this.entityPath(entityRef)}/rollbacks`,
      request,
    );
  }

  /** A second person's approval of a protected alias's pending move. */
  approve(promotionId: string, comment: string): Promise<PromotionRecord> {
    return this.call(
      'POST',
      `/promotions/${encodeURIComponent(promotionId)}/approve`,
      { comment },
    );
  }

  /** A second person's rejection of a protected alias's pending move. */
  reject(promotionId: string, comment: string): Promise<PromotionRecord> {
    return this.call(
      'POST',
      `/promotions/${encodeURIComponent(promotionId)}/reject`,
      { comment },
    );
  }

  /** The Model's rollouts, newest first. */
  async listRollouts(entityRef: string): Promise<RolloutRecord[]> {
    const query = new URLSearchParams({ entityRef });
    return (await this.call<RolloutList>('GET', `/rollouts?${query}`)).items;
  }

  /** One rollout, by its id. */
  getRollout(id: string): Promise<RolloutRecord> {
    return this.call('GET', `/rollouts/${encodeURIComponent(id)}`);
  }

  /** Starts a rollout of a Model version (`POST /v1/rollouts`). */
  startRollout(request: StartRolloutRequest): Promise<RolloutRecord> {
    return this.call('POST', '/rollouts', request);
  }

  /** Pauses, resumes, promotes or aborts a running rollout, saying why. */
  controlRollout(
    id: string,
    action: RolloutAction,
    reason: string,
  ): Promise<RolloutRecord> {
    return this.call('POST', `/rollouts/${encodeURIComponent(id)}/${action}`, {
      reason,
    });
  }

  /** The Model's health: traffic, errors and latency per predictor, alerts, drift and input freshness. */
  getHealth(entityRef: string): Promise<ModelHealth> {
    return this.call('GET', `${this.entityPath(entityRef)}/health`);
  }

  /** The Pipeline's Kubeflow runs, recurring runs and run parameters. */
  getPipelineRuns(entityRef: string): Promise<PipelineRunsView> {
    return this.call('GET', `${this.entityPath(entityRef)}/runs`);
  }

  /** A FeatureView as Feast's registry holds it now, with the freshness of its online store. */
  getFeatureViewStatus(entityRef: string): Promise<FeatureViewStatus> {
    return this.call('GET', `${this.entityPath(entityRef)}/feast`);
  }

  /** Starts a Kubeflow run of the Pipeline with the given parameters. */
  startPipelineRun(
    entityRef: string,
    request: StartPipelineRunRequest,
  ): Promise<PipelineRunSummary> {
    return this.call('POST', `${this.entityPath(entityRef)}/runs`, request);
  }

  /** Kubeflow runs the portal started because the Model's inputs drifted, newest first. */
  async getRetrainingRuns(entityRef: string): Promise<RetrainingRun[]> {
    return (
      await this.call<{ items: RetrainingRun[] }>(
        'GET',
        `${this.entityPath(entityRef)}/retraining`,
      )
    ).items;
  }

  /** One health metric of the Model over a range, per predictor, for a chart. */
  getHealthSeries(
    entityRef: string,
    metric: HealthSeriesMetric,
    range: string,
  ): Promise<HealthSeries> {
    const query = new URLSearchParams({ metric, range });
    return this.call(
      'GET',
      `${this.entityPath(entityRef)}/health/series?${query}`,
    );
  }

  /** The Model's traffic as the cluster serves it now, and who drives it. */
  getLiveServing(entityRef: string): Promise<LiveServing> {
    return this.call('GET', `${this.entityPath(entityRef)}/serving`);
  }

  /** A GitOps Model's manifest in Git, its revision, live against Git, and its Argo CD Application. */
  getServingGitOps(entityRef: string): Promise<ServingGitOps> {
    return this.call('GET', `${this.entityPath(entityRef)}/serving/gitops`);
  }

  /** Gives stable all traffic and clears the claim, in one write. */
  returnToStable(
    entityRef: string,
    request: ReturnToStableRequest,
  ): Promise<LiveServing> {
    return this.call(
      'POST',
      `${this.entityPath(entityRef)}/serving/return-to-stable`,
      request,
    );
  }

  private entityPath(entityRef: string): string {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    return `/entities/${[kind, namespace, name]
      .map(encodeURIComponent)
      .join('/')}`;
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('mlops');
    const response = await this.options.fetchApi.fetch(`${baseUrl}/v1${path}`, {
      method,
      headers:
        body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 422) {
      const payload = await response.json();
      // Every 422 carries the gates (`gates`); a promotion's also the blocked request (`promotion`).
      throw new QualityGatesFailedError(
        payload.error.message,
        payload.gates ?? payload.promotion?.gates ?? [],
      );
    }
    if (!response.ok) {
      throw await backendResponseError(response);
    }
    return (await response.json()) as T;
  }
}
