/*
 * The JSON of the mlops backend's rollout routes (`/api/mlops/v1/rollouts`).
 */

/** One step of a canary: the canary's share of traffic and how long it must stay healthy there. */
export type RolloutStep = { weight: number; durationSeconds: number };

/**
 * - `Progressing`: the engine is moving through the steps.
 * - `Paused`: waiting for a person (asked for, or an inconclusive analysis); never promoted while paused.
 * - `Succeeded`: the candidate has all traffic and the alias moved.
 * - `RolledBack`: the analysis failed; the canary got 0% and the alias is untouched.
 * - `Aborted`: a person stopped it; the canary got 0%.
 * - `Failed`: the engine could not act (cluster or registry errors); see the reason.
 *
 * @public
 */
export type RolloutState =
  | 'Progressing'
  | 'Paused'
  | 'Succeeded'
  | 'RolledBack'
  | 'Aborted'
  | 'Failed';

/** @public */
export type RolloutEvent =
  | {
      type: 'transition';
      at: string;
      actor: string;
      stepIndex: number;
      from?: RolloutState;
      to: RolloutState;
      reason: string;
      weight?: number;
    }
  | {
      type: 'measurement';
      at: string;
      actor: string;
      stepIndex: number;
      metric: string;
      phase: 'Successful' | 'Failed' | 'Inconclusive' | 'Error';
      value?: number;
      stableValue?: number;
      message?: string;
    };

/** A measured value compared with a threshold. @public */
export type AnalysisCondition = {
  operator: '<' | '<=' | '>' | '>=';
  threshold: number;
};

/** What a rollout's analysis metric checks, for showing thresholds next to the measurements. @public */
export type RolloutAnalysisSummary = {
  name: string;
  successCondition: AnalysisCondition;
  failureCondition?: AnalysisCondition;
  /** A measurement also fails above this multiple of the stable predictor's value. */
  maxRatioToStable?: number;
  intervalSeconds: number;
  count: number;
};

/** @public */
export type RolloutRecord = {
  id: string;
  entityRef: string;
  candidateVersion: string;
  baselineVersion?: string;
  alias: string;
  target: {
    platform: 'seldon' | 'kserve';
    cluster: string;
    namespace: string;
    name: string;
    modelUri: string;
  };
  steps: RolloutStep[];
  /** The analysis metrics' names. */
  analysis: string[];
  /** The analysis metrics with their thresholds. */
  analysisMetrics: RolloutAnalysisSummary[];
  stepIndex: number;
  stepStartedAt?: string;
  state: RolloutState;
  stateReason?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  events?: RolloutEvent[];
};
