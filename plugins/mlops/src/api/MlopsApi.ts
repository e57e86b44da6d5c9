import { createApiRef } from '@backstage/core-plugin-api';
import {
  AbTestRequest,
  BlueGreenPlan,
  RolloutStrategy,
  ShadowPlan,
  FeatureViewStatus,
  GateResult,
  HealthSeries,
  HealthSeriesMetric,
  ModelHealth,
  PipelineRunsView,
  PipelineRunSummary,
  RetrainingRun,
  PromotionHistory,
  PromotionPlan,
  PromotionRecord,
  RegistryView,
  RolloutRecord,
  RolloutStep,
} from '@mlops-portal/plugin-mlops-common';

/** What starting a rollout takes; each strategy's plan is optional where the backend has defaults. @public */
export type StartRolloutRequest = {
  entityRef: string;
  version: string;
  steps?: RolloutStep[];
  strategy?: RolloutStrategy;
  abTest?: AbTestRequest;
  shadow?: Partial<ShadowPlan>;
  blueGreen?: Partial<BlueGreenPlan>;
  /** Run every check and answer with the rollout that would start, starting nothing. */
  dryRun?: boolean;
};

/** @public */
export type PromoteRequest = {
  alias: string;
  version: string;
  reason: string;
  expectedCurrentVersion?: string | null;
};

/**
 * Thrown by {@link MlopsApi.promote} when quality gates stop a promotion (HTTP 422).
 *
 * @public
 */
export class QualityGatesFailedError extends Error {
  readonly name = 'QualityGatesFailedError';
  constructor(message: string, readonly gates: GateResult[]) {
    super(message);
  }
}

/**
 * The mlops backend's API (`/api/mlops/v1`), as the frontend uses it.
 *
 * @public
 */
export interface MlopsApi {
  getRegistry(entityRef: string): Promise<RegistryView>;
  getPromotionHistory(
    entityRef: string,
    options?: { alias?: string; at?: string },
  ): Promise<PromotionHistory>;
  promote(entityRef: string, request: PromoteRequest): Promise<PromotionRecord>;
  planPromotion(
    entityRef: string,
    request: PromoteRequest,
  ): Promise<PromotionPlan>;
  rollback(
    entityRef: string,
    request: { alias: string; reason: string },
  ): Promise<PromotionRecord>;
  approve(promotionId: string, comment: string): Promise<PromotionRecord>;
  reject(promotionId: string, comment: string): Promise<PromotionRecord>;
  listRollouts(entityRef: string): Promise<RolloutRecord[]>;
  getRollout(id: string): Promise<RolloutRecord>;
  startRollout(request: StartRolloutRequest): Promise<RolloutRecord>;
  controlRollout(
    id: string,
    action: RolloutAction,
    reason: string,
  ): Promise<RolloutRecord>;
  getHealth(entityRef: string): Promise<ModelHealth>;
  getPipelineRuns(entityRef: string): Promise<PipelineRunsView>;
  /** A FeatureView as Feast's registry holds it now, with the freshness of its online store. */
  getFeatureViewStatus(entityRef: string): Promise<FeatureViewStatus>;
  startPipelineRun(
    entityRef: string,
    request: { parameters: Record<string, unknown>; displayName?: string },
  ): Promise<PipelineRunSummary>;
  /** Kubeflow runs the portal started because the Model's inputs drifted, newest first. */
  getRetrainingRuns(entityRef: string): Promise<RetrainingRun[]>;
  getHealthSeries(
    entityRef: string,
    metric: HealthSeriesMetric,
    range: string,
  ): Promise<HealthSeries>;
}

/** @public */
export type RolloutAction = 'pause' | 'resume' | 'promote' | 'abort';

/** @public */
export const mlopsApiRef = createApiRef<MlopsApi>({ id: 'plugin.mlops.api' });
