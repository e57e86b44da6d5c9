import { z } from 'zod';
import { reasonSchema } from './registrySchemas';
import {
  rolloutGitChangeSchema,
  rolloutStateSchema,
} from './rolloutRecordSchemas';

/*
 * A Model's live serving (`/v1/entities/{kind}/{namespace}/{name}/serving`): the split read from the cluster,
 * which is the truth about traffic, whoever drives it.
 */

/**
 * Which rollout of which portal drives a serving object's traffic (the `mlops.backstage.io/rollout`
 * annotation on it).
 *
 * @public
 */
export const rolloutClaimSchema = z
  .object({
    rolloutId: z.string().min(1).max(256),
    instanceId: z.string().min(1).max(1024),
  })
  .strict();

/**
 * Which rollout of which portal drives a serving object's traffic (`rolloutClaimSchema`).
 *
 * @public
 */
export type RolloutClaimState = z.infer<typeof rolloutClaimSchema>;

const servedShareSchema = z.object({
  version: z.string().optional(),
  weight: z.number(),
});

/**
 * What `GET …/serving` answers: the live split and who drives it.
 *
 * @public
 */
export const liveServingSchema = z.object({
  entityRef: z.string(),
  /** The Model's `spec.serving.platform` and its name for people. */
  platform: z.string(),
  platformTitle: z.string(),
  target: z.object({
    cluster: z.string(),
    namespace: z.string(),
    name: z.string(),
  }),
  /** Read from the cluster now: which version serves what share, and whether a shadow is mirrored. */
  split: z.object({
    stable: servedShareSchema,
    canary: servedShareSchema.optional(),
    shadow: z.object({ version: z.string().optional() }).optional(),
  }),
  /** The claim the serving object carries, if any. */
  claim: rolloutClaimSchema.optional(),
  /** This portal's active rollout of the Model, when it is the one holding the traffic. */
  drivenBy: z
    .object({ rolloutId: z.string(), state: rolloutStateSchema })
    .optional(),
  /**
   * GitOps mode: the claim names a rollout of this portal that has ended, and its ending's commit is not live
   * yet (within `mlops.gitops.syncTimeout` of the ending). The traffic is then not an orphan: it follows when
   * the GitOps controller applies the commit. Past the timeout it is reported as `orphan` again.
   */
  pendingGitChange: z
    .object({
      sha: z.string(),
      /** The commit's web page. */
      url: z.string().optional(),
      rolloutId: z.string(),
      /** The rollout's final state. */
      state: rolloutStateSchema,
      /** The ending in words: `abort`, `rollback`, `promotion`, `end of the shadow`. */
      ending: z.string(),
      /** When the ending was committed (ISO 8601). */
      since: z.string(),
      /** In plain words, e.g. "Waiting for Git change 1a2b3c4 (the abort of rollout r1) to be applied". */
      message: z.string(),
    })
    .optional(),
  /**
   * Set when traffic is off stable and no rollout of this portal drives it, in plain words, e.g. "v2 receives
   * 20% and no rollout drives it".
   */
  orphan: z.string().optional(),
  readAt: z.string(),
  /**
   * Only in the answer of a return to stable in GitOps mode: the commit it made (status `awaiting-sync`). The
   * split above is still the live one, which follows when the GitOps controller applies the commit.
   */
  git: rolloutGitChangeSchema.optional(),
});

/**
 * The live traffic split of a Model and who drives it (`liveServingSchema`).
 *
 * @public
 */
export type LiveServing = z.infer<typeof liveServingSchema>;

/**
 * `POST …/serving/return-to-stable`: gives stable all traffic and clears the claim, in one write.
 * `expectedClaim` is the claim the caller saw (null: none); a different one on the object now is a 409.
 *
 * @public
 */
export const returnToStableRequestSchema = z
  .object({
    reason: reasonSchema,
    expectedClaim: rolloutClaimSchema.nullable().optional(),
  })
  .strict();

/**
 * The body of `POST …/serving/return-to-stable` (`returnToStableRequestSchema`).
 *
 * @public
 */
export type ReturnToStableRequest = z.infer<typeof returnToStableRequestSchema>;
