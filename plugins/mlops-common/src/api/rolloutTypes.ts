import type { SmokeRequest } from '../kinds/ModelEntityV1alpha1';

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

/**
 * How a rollout brings the candidate in.
 * - `canary`: traffic shifts step by step under analysis; the alias moves at the end.
 * - `abtest`: a fixed split held until the planned sample is reached, judged on a success rate with a
 *   two-proportion z-test.
 * - `shadow`: the candidate gets a copy of production traffic and its answers are discarded; latency, errors and
 *   the prediction distribution are compared with stable. It never serves users and never moves the alias: a
 *   passed shadow is evidence for a canary or blue-green that follows. The registry alias `shadow` names the
 *   version while it runs.
 * - `bluegreen`: the candidate is deployed beside stable at 0%, must become ready, then takes all traffic at
 *   once; stable stays deployed (warm) for `blueGreen.warmSeconds`, during which a switch back is one write;
 *   then the alias moves and the previous version is scaled down.
 *
 * @public
 */
export type RolloutStrategy = 'canary' | 'abtest' | 'shadow' | 'bluegreen';

/** A shadow rollout's plan. @public */
export type ShadowPlan = {
  /** How long the candidate shadows production; the comparison is judged at the end. */
  durationSeconds: number;
  /** How often the prediction distributions are compared. */
  intervalSeconds: number;
  /** Fail when the population stability index of the two prediction histograms reaches this. */
  maxPsi: number;
  /** Fail when the Jensen–Shannon distance (natural log) of the two prediction histograms reaches this. */
  maxJensenShannon: number;
  /** Fewer predictions than this in either histogram at the end: no verdict, a person decides. */
  minPredictions: number;
};

/** A blue-green rollout's plan. @public */
export type BlueGreenPlan = {
  /** How long the new (green) predictor may take to become ready before the rollout gives up. */
  readinessTimeoutSeconds: number;
  /** How long the previous (blue) version stays deployed after the switch, so a switch back is instant. */
  warmSeconds: number;
  /** The Model's `spec.serving.smokeRequests` when the rollout started; green must pass each before the switch. */
  smokeRequests?: SmokeRequest[];
};

/** An A/B test's plan, and its verdict once reached. @public */
export type AbTestPlan = {
  /** The candidate's share of traffic, in percent (the split is held for the whole test). */
  candidateShare: number;
  /** The stable version's success rate the effect is measured against, e.g. 0.05. */
  baselineRate: number;
  /** The smallest absolute change of the success rate worth detecting, e.g. 0.01. */
  minimumDetectableEffect: number;
  alpha: number;
  power: number;
  /** Trials per arm computed from the above; no verdict before both arms reach it. */
  plannedPerArm: number;
  /** Give up (pause for a person) when the planned sample is not reached in this time. */
  maxDurationSeconds: number;
  /** How often the counts are read from Prometheus. */
  intervalSeconds: number;
};

/** What a user asks of an A/B test; the backend fills the defaults and computes the sample size. @public */
export type AbTestRequest = Partial<Omit<AbTestPlan, 'plannedPerArm'>> &
  Pick<AbTestPlan, 'baselineRate' | 'minimumDetectableEffect'>;

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
  /** `canary` when absent (rollouts stored before strategies existed). */
  strategy: RolloutStrategy;
  /** The plan of an `abtest` rollout. */
  abTest?: AbTestPlan;
  /** The plan of a `shadow` rollout. */
  shadow?: ShadowPlan;
  /** The plan of a `bluegreen` rollout. */
  blueGreen?: BlueGreenPlan;
  /**
   * The promotion an A/B test's "promote" verdict requested for a protected alias, waiting for a second person's
   * approval on the Registry tab; the rollout completes when it is approved and rolls back when it is rejected.
   */
  pendingPromotionId?: string;
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
