import { createApiRef } from '@backstage/core-plugin-api';
import {
  FeatureViewStatus,
  GateResult,
  HealthSeries,
  HealthSeriesMetric,
  LiveServing,
  ModelCard,
  ServingGitOps,
  ModelHealth,
  PipelineRunRequest,
  PipelineRunsView,
  PipelineRunSummary,
  PromotionHistory,
  PromotionHistoryQuery,
  PromotionPlan,
  PromotionRecord,
  PromotionRequest,
  RegistryView,
  RetrainingRun,
  ReturnToStableRequest,
  RollbackRequest,
  RolloutAction,
  RolloutRecord,
  RolloutRequest,
} from '@mlops-portal/plugin-mlops-common';

/*
 * The request types are the backend's contract: the zod schemas of `@mlops-portal/plugin-mlops-common`, which
 * the backend parses with and its OpenAPI spec is tested against.
 */

/**
 * What starting a rollout takes (`POST /v1/rollouts`): the version, the alias to move, the strategy and its plan,
 * the analysis' timing; each plan is optional where the backend has defaults.
 *
 * @public
 */
export type StartRolloutRequest = RolloutRequest;

/**
 * What a promotion takes; {@link MlopsApi.planPromotion} adds `dryRun` itself.
 *
 * @public
 */
export type PromoteRequest = Omit<PromotionRequest, 'dryRun'>;

/**
 * What starting a pipeline run takes (`POST …/runs`). The run dialog collects values of any JSON type; the backend
 * checks them against the pipeline's declared parameters.
 *
 * @public
 */
export type StartPipelineRunRequest = Omit<PipelineRunRequest, 'parameters'> & {
  parameters?: Record<string, unknown>;
};

/** @public */
export type { RolloutAction };

/**
 * Thrown by {@link MlopsApi.promote} when quality gates stop a promotion (HTTP 422).
 *
 * @public
 */
export class QualityGatesFailedError extends Error {
  /** The error name, `QualityGatesFailedError`. */
  readonly name = 'QualityGatesFailedError';
  constructor(
    message: string,
    /** The quality gates' results, the failed ones among them. */
    readonly gates: GateResult[],
  ) {
    super(message);
  }
}

/**
 * The mlops backend's API (`/api/mlops/v1`), as the frontend uses it.
 *
 * @public
 */
export interface MlopsApi {
  /** The Model's registry entry: its registered model, aliases and versions. */
  getRegistry(entityRef: string): Promise<RegistryView>;
  /** The Model's card: written sections and their source, what is missing, and the facts (`GET …/model-card`). */
  getModelCard(entityRef: string): Promise<ModelCard>;
  /** The Model's promotion history, optionally for one alias or as the aliases stood at a time. */
  getPromotionHistory(
    entityRef: string,
    options?: PromotionHistoryQuery,
  ): Promise<PromotionHistory>;
  /** Points an alias at a version; a `QualityGatesFailedError` when quality gates stop it. */
  promote(entityRef: string, request: PromoteRequest): Promise<PromotionRecord>;
  /** What promoting would do (a dry run): nothing is recorded or moved. */
  planPromotion(
    entityRef: string,
    request: PromoteRequest,
  ): Promise<PromotionPlan>;
  /** Points an alias back at where it pointed before. */
  rollback(
    entityRef: string,
    request: RollbackRequest,
  ): Promise<PromotionRecord>;
  /** A second person's approval of a protected alias's pending move. */
  approve(promotionId: string, comment: string): Promise<PromotionRecord>;
  /** A second person's rejection of a protected alias's pending move. */
  reject(promotionId: string, comment: string): Promise<PromotionRecord>;
  /** The Model's rollouts, newest first. */
  listRollouts(entityRef: string): Promise<RolloutRecord[]>;
  /** One rollout, by its id. */
  getRollout(id: string): Promise<RolloutRecord>;
  /** Starts a rollout of a Model version (`POST /v1/rollouts`). */
  startRollout(request: StartRolloutRequest): Promise<RolloutRecord>;
  /** Pauses, resumes, promotes or aborts a running rollout, saying why. */
  controlRollout(
    id: string,
    action: RolloutAction,
    reason: string,
  ): Promise<RolloutRecord>;
  /** The Model's health: traffic, errors and latency per predictor, alerts, drift and input freshness. */
  getHealth(entityRef: string): Promise<ModelHealth>;
  /** The Pipeline's Kubeflow runs, recurring runs and run parameters. */
  getPipelineRuns(entityRef: string): Promise<PipelineRunsView>;
  /** A FeatureView as Feast's registry holds it now, with the freshness of its online store. */
  getFeatureViewStatus(entityRef: string): Promise<FeatureViewStatus>;
  /** Starts a Kubeflow run of the Pipeline with the given parameters. */
  startPipelineRun(
    entityRef: string,
    request: StartPipelineRunRequest,
  ): Promise<PipelineRunSummary>;
  /** Kubeflow runs the portal started because the Model's inputs drifted, newest first. */
  getRetrainingRuns(entityRef: string): Promise<RetrainingRun[]>;
  /** One health metric of the Model over a range, per predictor, for a chart. */
  getHealthSeries(
    entityRef: string,
    metric: HealthSeriesMetric,
    range: string,
  ): Promise<HealthSeries>;
  /**
   * The Model's traffic as the cluster serves it now: which version gets what share, the claim on the serving
   * object, the rollout driving it, and traffic no rollout drives (an orphan), in words.
   */
  getLiveServing(entityRef: string): Promise<LiveServing>;
  /**
   * A GitOps Model's serving as Git has it: the manifest's repository, path, branch and mode with links, its
   * revision, whether the live object matches it (differences in words), and the Argo CD Application's sync and
   * health. A Model without `spec.serving.gitops` is a 404.
   */
  getServingGitOps(entityRef: string): Promise<ServingGitOps>;
  /**
   * Gives stable all traffic and clears the claim, in one write (permission `mlops.rollout.manage`). Refused (409)
   * while a rollout of this portal drives the traffic, or when the claim is no longer `expectedClaim`.
   */
  returnToStable(
    entityRef: string,
    request: ReturnToStableRequest,
  ): Promise<LiveServing>;
}

/**
 * The API reference of the mlops backend client (`MlopsApi`).
 *
 * @public
 */
export const mlopsApiRef = createApiRef<MlopsApi>({ id: 'plugin.mlops.api' });
