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

  getRegistry(entityRef: string): Promise<RegistryView> {
    return this.call('GET', `${this.entityPath(entityRef)}/registry`);
  }

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

  planPromotion(
    entityRef: string,
    request: PromoteRequest,
  ): Promise<PromotionPlan> {
    return this.call('POST', `${this.entityPath(entityRef)}/promotions`, {
      ...request,
      dryRun: true,
    });
  }

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

  approve(promotionId: string, comment: string): Promise<PromotionRecord> {
    return this.call(
      'POST',
      `/promotions/${encodeURIComponent(promotionId)}/approve`,
      { comment },
    );
  }

  reject(promotionId: string, comment: string): Promise<PromotionRecord> {
    return this.call(
      'POST',
      `/promotions/${encodeURIComponent(promotionId)}/reject`,
      { comment },
    );
  }

  async listRollouts(entityRef: string): Promise<RolloutRecord[]> {
    const query = new URLSearchParams({ entityRef });
    return (await this.call<RolloutList>('GET', `/rollouts?${query}`)).items;
  }

  getRollout(id: string): Promise<RolloutRecord> {
    return this.call('GET', `/rollouts/${encodeURIComponent(id)}`);
  }

  startRollout(request: StartRolloutRequest): Promise<RolloutRecord> {
    return this.call('POST', '/rollouts', request);
  }

  controlRollout(
    id: string,
    action: RolloutAction,
    reason: string,
  ): Promise<RolloutRecord> {
    return this.call('POST', `/rollouts/${encodeURIComponent(id)}/${action}`, {
      reason,
    });
  }

  getHealth(entityRef: string): Promise<ModelHealth> {
    return this.call('GET', `${this.entityPath(entityRef)}/health`);
  }

  getPipelineRuns(entityRef: string): Promise<PipelineRunsView> {
    return this.call('GET', `${this.entityPath(entityRef)}/runs`);
  }

  getFeatureViewStatus(entityRef: string): Promise<FeatureViewStatus> {
    return this.call('GET', `${this.entityPath(entityRef)}/feast`);
  }

  startPipelineRun(
    entityRef: string,
    request: StartPipelineRunRequest,
  ): Promise<PipelineRunSummary> {
    return this.call('POST', `${this.entityPath(entityRef)}/runs`, request);
  }

  async getRetrainingRuns(entityRef: string): Promise<RetrainingRun[]> {
    return (
      await this.call<{ items: RetrainingRun[] }>(
        'GET',
        `${this.entityPath(entityRef)}/retraining`,
      )
    ).items;
  }

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

  getLiveServing(entityRef: string): Promise<LiveServing> {
    return this.call('GET', `${this.entityPath(entityRef)}/serving`);
  }

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
