import { z } from 'zod';
import type {
  ServingPlatform,
  SmokeRequest,
} from '../../kinds/ModelEntityV1alpha1';
import { rolloutStepSchema, rolloutStrategySchema } from './rolloutSchemas';

/*
 * A rollout as the rollout routes (`/v1/rollouts`) answer it: its state, its history of transitions and
 * measurements (with the Git change behind each traffic change in GitOps mode), and each strategy's plan.
 */

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
export const rolloutStateSchema = z.enum([
  'Progressing',
  'Paused',
  'Succeeded',
  'RolledBack',
  'Aborted',
  'Failed',
]);

/**
 * Where a rollout is in its life (`rolloutStateSchema`).
 *
 * @public
 */
export type RolloutState = z.infer<typeof rolloutStateSchema>;

/**
 * The Git change behind a rollout's traffic change in GitOps mode: the commit (and the pull request it came
 * through, in pull-request mode), and whether the live object shows it yet.
 *
 * @public
 */
export const rolloutGitChangeSchema = z.object({
  /** The commit on the applied branch; absent while a pull request waits to be merged. */
  sha: z.string().optional(),
  /** The commit's (or pull request's) web page. */
  url: z.string().optional(),
  pullRequest: z
    .object({ number: z.number().int(), url: z.string() })
    .optional(),
  /** Committed directly although the Model's mode is pull-request: an emergency path (abort, switch back). */
  direct: z.boolean().optional(),
  /** What the event says of the change: made (waiting for the merge or the sync), merged, or applied live. */
  status: z.enum(['awaiting-merge', 'awaiting-sync', 'applied']),
});

/**
 * The Git change behind a traffic change (`rolloutGitChangeSchema`).
 *
 * @public
 */
export type RolloutGitChange = z.infer<typeof rolloutGitChangeSchema>;

/**
 * One event of a rollout's history: a state `transition` (with the traffic weight it set) or an analysis `measurement` (with the canary's and the stable arm's values).
 *
 * @public
 */
export const rolloutEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('transition'),
    at: z.string(),
    actor: z.string(),
    stepIndex: z.number().int(),
    from: rolloutStateSchema.optional(),
    to: rolloutStateSchema,
    reason: z.string(),
    weight: z.number().optional(),
    /** GitOps mode: the Git change this transition made or saw applied. */
    git: rolloutGitChangeSchema.optional(),
  }),
  z.object({
    type: z.literal('measurement'),
    at: z.string(),
    actor: z.string(),
    stepIndex: z.number().int(),
    metric: z.string(),
    phase: z.enum(['Successful', 'Failed', 'Inconclusive', 'Error']),
    value: z.number().optional(),
    stableValue: z.number().optional(),
    message: z.string().optional(),
  }),
]);

/**
 * One event of a rollout's history (`rolloutEventSchema`).
 *
 * @public
 */
export type RolloutEvent = z.infer<typeof rolloutEventSchema>;

/**
 * A measured value compared with a threshold.
 *
 * @public
 */
export const analysisConditionSchema = z.object({
  operator: z.enum(['<', '<=', '>', '>=']),
  threshold: z.number(),
});

/**
 * A measured value compared with a threshold (`analysisConditionSchema`).
 *
 * @public
 */
export type AnalysisCondition = z.infer<typeof analysisConditionSchema>;

/**
 * What a rollout's analysis metric checks, for showing thresholds next to the measurements.
 *
 * @public
 */
export const rolloutAnalysisSummarySchema = z.object({
  name: z.string(),
  successCondition: analysisConditionSchema,
  failureCondition: analysisConditionSchema.optional(),
  /** A measurement also fails above this multiple of the stable predictor's value. */
  maxRatioToStable: z.number().optional(),
  intervalSeconds: z.number(),
  /** How long into a step the first measurement waits (absent from rollouts answered before it was shown). */
  initialDelaySeconds: z.number().optional(),
  count: z.number(),
});

/**
 * What a rollout's analysis metric checks (`rolloutAnalysisSummarySchema`).
 *
 * @public
 */
export type RolloutAnalysisSummary = z.infer<
  typeof rolloutAnalysisSummarySchema
>;

/**
 * A shadow rollout's plan.
 *
 * @public
 */
export const shadowPlanSchema = z.object({
  /** How long the candidate shadows production; the comparison is judged at the end. */
  durationSeconds: z.number(),
  /** How often the prediction distributions are compared. */
  intervalSeconds: z.number(),
  /** Fail when the population stability index of the two prediction histograms reaches this. */
  maxPsi: z.number(),
  /** Fail when the Jensen–Shannon distance (natural log) of the two prediction histograms reaches this. */
  maxJensenShannon: z.number(),
  /** Fewer predictions than this in either histogram at the end: no verdict, a person decides. */
  minPredictions: z.number(),
});

/**
 * A shadow rollout's plan (`shadowPlanSchema`).
 *
 * @public
 */
export type ShadowPlan = z.infer<typeof shadowPlanSchema>;

/** A Model's `spec.serving.smokeRequests` entry, as a rollout keeps it (the kind's JSON Schema checks it). */
const smokeRequestSchema = z.object({
  name: z.string(),
  path: z.string(),
  body: z.record(z.unknown()),
  expectStatus: z.number().int().optional(),
}) as unknown as z.ZodType<SmokeRequest>;

/**
 * A blue-green rollout's plan.
 *
 * @public
 */
export const blueGreenPlanSchema = z.object({
  /** How long the new (green) predictor may take to become ready before the rollout gives up. */
  readinessTimeoutSeconds: z.number(),
  /** How long the previous (blue) version stays deployed after the switch, so a switch back is instant. */
  warmSeconds: z.number(),
  /** The Model's `spec.serving.smokeRequests` when the rollout started; green must pass each before the switch. */
  smokeRequests: z.array(smokeRequestSchema).optional(),
});

/**
 * A blue-green rollout's plan (`blueGreenPlanSchema`).
 *
 * @public
 */
export type BlueGreenPlan = z.infer<typeof blueGreenPlanSchema>;

/**
 * An A/B test's plan, and its verdict once reached.
 *
 * @public
 */
export const abTestPlanSchema = z.object({
  /** The candidate's share of traffic, in percent (the split is held for the whole test). */
  candidateShare: z.number(),
  /** The stable version's success rate the effect is measured against, e.g. 0.05. */
  baselineRate: z.number(),
  /** The smallest absolute change of the success rate worth detecting, e.g. 0.01. */
  minimumDetectableEffect: z.number(),
  alpha: z.number(),
  power: z.number(),
  /** Trials per arm computed from the above; no verdict before both arms reach it. */
  plannedPerArm: z.number(),
  /** Give up (pause for a person) when the planned sample is not reached in this time. */
  maxDurationSeconds: z.number(),
  /** How often the counts are read from Prometheus. */
  intervalSeconds: z.number(),
});

/**
 * An A/B test's plan, and its verdict once reached (`abTestPlanSchema`).
 *
 * @public
 */
export type AbTestPlan = z.infer<typeof abTestPlanSchema>;

/**
 * A rollout as `GET /v1/rollouts/:id` answers it (and `POST /v1/rollouts`, and each control action).
 *
 * @public
 */
export const rolloutRecordSchema = z.object({
  id: z.string(),
  entityRef: z.string(),
  candidateVersion: z.string(),
  baselineVersion: z.string().optional(),
  alias: z.string(),
  target: z.object({
    /** The Model's `spec.serving.platform`. */
    platform: z.string() as unknown as z.ZodType<ServingPlatform>,
    cluster: z.string(),
    namespace: z.string(),
    name: z.string(),
    modelUri: z.string(),
  }),
  /** `canary` when absent (rollouts stored before strategies existed). */
  strategy: rolloutStrategySchema,
  /** The plan of an `abtest` rollout. */
  abTest: abTestPlanSchema.optional(),
  /** The plan of a `shadow` rollout. */
  shadow: shadowPlanSchema.optional(),
  /** The plan of a `bluegreen` rollout. */
  blueGreen: blueGreenPlanSchema.optional(),
  /**
   * The promotion an A/B test's "promote" verdict requested for a protected alias, waiting for a second person's
   * approval on the Registry tab; the rollout completes when it is approved and rolls back when it is rejected.
   */
  pendingPromotionId: z.string().optional(),
  steps: z.array(rolloutStepSchema),
  /** The analysis metrics' names. */
  analysis: z.array(z.string()),
  /** The analysis metrics with their thresholds. */
  analysisMetrics: z.array(rolloutAnalysisSummarySchema),
  stepIndex: z.number().int(),
  stepStartedAt: z.string().optional(),
  state: rolloutStateSchema,
  stateReason: z.string().optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  events: z.array(rolloutEventSchema).optional(),
});

/**
 * A rollout as the rollout routes answer it (`rolloutRecordSchema`).
 *
 * @public
 */
export type RolloutRecord = z.infer<typeof rolloutRecordSchema>;

/**
 * What `GET /v1/rollouts?entityRef=` answers: the Model's rollouts, newest first.
 *
 * @public
 */
export const rolloutListSchema = z.object({
  items: z.array(rolloutRecordSchema),
});

/**
 * A Model's rollouts, newest first (`rolloutListSchema`).
 *
 * @public
 */
export type RolloutList = z.infer<typeof rolloutListSchema>;
