import { z } from 'zod';
import {
  aliasSchema,
  reasonSchema,
  registryVersionSchema,
} from './registrySchemas';

/*
 * The rollout part of `/api/mlops/v1` (`/v1/rollouts`): what the routes accept. The rollout record they answer
 * with (its state, events and strategies' plans) is in `rolloutRecordSchemas.ts`. One description for the
 * backend's parsing, the scaffolder actions' inputs, the frontend client's types and the OpenAPI spec's test.
 */

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
export const rolloutStrategySchema = z.enum([
  'canary',
  'abtest',
  'shadow',
  'bluegreen',
]);

/**
 * How a rollout brings the candidate in: canary, A/B test, shadow or blue-green (`rolloutStrategySchema`).
 *
 * @public
 */
export type RolloutStrategy = z.infer<typeof rolloutStrategySchema>;

/**
 * One step of a canary: the canary's share of traffic and how long it must stay healthy there.
 *
 * @public
 */
export const rolloutStepSchema = z
  .object({
    weight: z.number().int().min(0).max(100),
    durationSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600),
  })
  .strict();

/**
 * One step of a canary: the canary's share of traffic and how long it must stay healthy there (`rolloutStepSchema`).
 *
 * @public
 */
export type RolloutStep = z.infer<typeof rolloutStepSchema>;

/**
 * Overrides of the default analysis' timing and limits, e.g. for a quick demo.
 *
 * @public
 */
export const rolloutAnalysisRequestSchema = z
  .object({
    intervalSeconds: z.number().int().min(1).max(3600),
    initialDelaySeconds: z.number().int().min(0).max(3600),
    count: z.number().int().min(1).max(100),
    failureLimit: z.number().int().min(0).max(100),
    inconclusiveLimit: z.number().int().min(0).max(100),
    consecutiveErrorLimit: z.number().int().min(0).max(100),
  })
  .partial()
  .strict();

/**
 * Overrides of the default analysis' timing and limits (`rolloutAnalysisRequestSchema`).
 *
 * @public
 */
export type RolloutAnalysisRequest = z.infer<
  typeof rolloutAnalysisRequestSchema
>;

/**
 * What a user asks of a shadow; the backend fills what is left out.
 *
 * @public
 */
export const shadowRequestSchema = z
  .object({
    durationSeconds: z
      .number()
      .int()
      .min(10)
      .max(30 * 24 * 3600),
    intervalSeconds: z.number().int().min(1).max(3600),
    maxPsi: z.number().gt(0).max(10),
    maxJensenShannon: z.number().gt(0).max(1),
    minPredictions: z.number().int().min(1).max(1e9),
  })
  .partial()
  .strict();

/**
 * What a user asks of a shadow rollout (`shadowRequestSchema`).
 *
 * @public
 */
export type ShadowRequest = z.infer<typeof shadowRequestSchema>;

/**
 * What a user asks of a blue-green; the backend fills what is left out.
 *
 * @public
 */
export const blueGreenRequestSchema = z
  .object({
    readinessTimeoutSeconds: z
      .number()
      .int()
      .min(10)
      .max(24 * 3600),
    warmSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600),
  })
  .partial()
  .strict();

/**
 * What a user asks of a blue-green rollout (`blueGreenRequestSchema`).
 *
 * @public
 */
export type BlueGreenRequest = z.infer<typeof blueGreenRequestSchema>;

/**
 * What a user asks of an A/B test; the backend fills the defaults and computes the sample size.
 *
 * @public
 */
export const abTestRequestSchema = z
  .object({
    /** The candidate's share of traffic, in percent (default 50). */
    candidateShare: z.number().int().min(1).max(99).optional(),
    /** The stable version's success rate the effect is measured against, e.g. 0.05. */
    baselineRate: z.number().gt(0).lt(1),
    /** The smallest absolute change of the success rate worth detecting, e.g. 0.01. */
    minimumDetectableEffect: z.number().gt(-1).lt(1),
    alpha: z.number().gt(0).max(0.2).optional(),
    power: z.number().min(0.5).lt(1).optional(),
    maxDurationSeconds: z
      .number()
      .int()
      .min(60)
      .max(90 * 24 * 3600)
      .optional(),
    intervalSeconds: z.number().int().min(1).max(3600).optional(),
  })
  .strict();

/**
 * What a user asks of an A/B test (`abTestRequestSchema`).
 *
 * @public
 */
export type AbTestRequest = z.infer<typeof abTestRequestSchema>;

/**
 * `POST /v1/rollouts`: start a rollout of a Model version, or with `dryRun` answer with the rollout that would
 * start. Each strategy's plan is optional where the backend has defaults; a plan for another strategy is refused.
 *
 * @public
 */
export const rolloutRequestSchema = z
  .object({
    /** The Model, e.g. `model:default/fraud-detector`. */
    entityRef: z.string().min(1),
    version: registryVersionSchema,
    /** The alias to move on success; `champion` when absent. */
    alias: aliasSchema.optional(),
    /** A canary's steps; the last gives the canary 100%. */
    steps: z
      .array(rolloutStepSchema)
      .min(1)
      .max(20)
      .refine(
        steps => steps[steps.length - 1].weight === 100,
        'the last step must give the canary 100%',
      )
      .optional(),
    analysis: rolloutAnalysisRequestSchema.optional(),
    strategy: rolloutStrategySchema.optional(),
    shadow: shadowRequestSchema.optional(),
    blueGreen: blueGreenRequestSchema.optional(),
    abTest: abTestRequestSchema.optional(),
    /** Run every check and answer with the rollout that would start, starting nothing. */
    dryRun: z.boolean().optional(),
    /** Why it starts; kept in the rollout's first event (its timeline), like the reasons of later controls. */
    reason: reasonSchema.optional(),
  })
  .strict();

/**
 * The body of `POST /v1/rollouts` (`rolloutRequestSchema`).
 *
 * @public
 */
export type RolloutRequest = z.infer<typeof rolloutRequestSchema>;

/**
 * What a person can do to a running rollout: `POST /v1/rollouts/:id/<action>`.
 *
 * @public
 */
export const rolloutActionSchema = z.enum([
  'pause',
  'resume',
  'promote',
  'abort',
]);

/**
 * What a person can do to a running rollout (`rolloutActionSchema`).
 *
 * @public
 */
export type RolloutAction = z.infer<typeof rolloutActionSchema>;

/**
 * The body of `POST /v1/rollouts/:id/{pause,resume,promote,abort}`.
 *
 * @public
 */
export const rolloutControlRequestSchema = z
  .object({ reason: reasonSchema })
  .strict();

/**
 * The body of a rollout control action (`rolloutControlRequestSchema`).
 *
 * @public
 */
export type RolloutControlRequest = z.infer<typeof rolloutControlRequestSchema>;

/**
 * The query of `GET /v1/rollouts`: a Model's rollouts.
 *
 * @public
 */
export const rolloutListQuerySchema = z
  .object({ entityRef: z.string().min(1) })
  .strict();

/**
 * The query of `GET /v1/rollouts` (`rolloutListQuerySchema`).
 *
 * @public
 */
export type RolloutListQuery = z.infer<typeof rolloutListQuerySchema>;
