import { z } from 'zod';
import {
  aliasSchema,
  gateResultSchema,
  reasonSchema,
  registryVersionSchema,
} from './registrySchemas';

/*
 * The promotion part of `/api/mlops/v1`: moving a Model's registry aliases (promotions and rollbacks), a second
 * person's decision on a protected alias, the pull request of a Model in `pull-request` mode, and the append-only
 * history of all of it. Used like the registry schemas: the backend parses with them, the scaffolder actions and
 * the frontend client derive their types from them, and the OpenAPI spec is tested against them.
 */

/**
 * `POST /v1/entities/:kind/:namespace/:name/promotions`: point `alias` at `version`.
 *
 * @public
 */
export const promotionRequestSchema = z
  .object({
    alias: aliasSchema,
    version: registryVersionSchema,
    reason: reasonSchema,
    /** Refuse (409) unless the alias still points here (`null`: unset); guards against a move in the meantime. */
    expectedCurrentVersion: z.string().regex(/^\d+$/).nullable().optional(),
    /** Check gates and approval and answer with the plan, moving and recording nothing. */
    dryRun: z.boolean().optional(),
  })
  .strict();

/**
 * A request to point an alias at a version (`promotionRequestSchema`).
 *
 * @public
 */
export type PromotionRequest = z.infer<typeof promotionRequestSchema>;

/**
 * `POST /v1/entities/:kind/:namespace/:name/rollbacks`: point `alias` back at where it pointed before.
 *
 * @public
 */
export const rollbackRequestSchema = z
  .object({ alias: aliasSchema, reason: reasonSchema })
  .strict();

/**
 * A request to point an alias back at where it pointed before (`rollbackRequestSchema`).
 *
 * @public
 */
export type RollbackRequest = z.infer<typeof rollbackRequestSchema>;

/**
 * The query of `GET /v1/entities/:kind/:namespace/:name/promotions`: one alias's history, and where the aliases
 * pointed `at` a time.
 *
 * @public
 */
export const promotionHistoryQuerySchema = z
  .object({
    alias: aliasSchema.optional(),
    at: z.string().datetime({ offset: true }).optional(),
  })
  .strict();

/**
 * The query of `GET …/promotions` (`promotionHistoryQuerySchema`).
 *
 * @public
 */
export type PromotionHistoryQuery = z.infer<typeof promotionHistoryQuerySchema>;

/**
 * `POST /v1/promotions/{id}/release`: an operator settles a move whose outcome stayed unknown, saying why.
 *
 * @public
 */
export const promotionReleaseRequestSchema = z
  .object({ reason: reasonSchema })
  .strict();

/**
 * An operator's settling of a move whose outcome stayed unknown (`promotionReleaseRequestSchema`).
 *
 * @public
 */
export type PromotionReleaseRequest = z.infer<
  typeof promotionReleaseRequestSchema
>;

/**
 * `POST /v1/promotions/:id/approve` and `…/reject`: a second person's decision on a protected alias's move.
 *
 * @public
 */
export const promotionDecisionRequestSchema = z
  .object({ comment: reasonSchema })
  .strict();

/**
 * A second person's approval or rejection of a protected alias's move (`promotionDecisionRequestSchema`).
 *
 * @public
 */
export type PromotionDecisionRequest = z.infer<
  typeof promotionDecisionRequestSchema
>;

/**
 * The life of a promotion or rollback request.
 *
 * - `pending_approval`: a protected alias; waits for a second person.
 * - `pending_pull_request`: a protected alias of a Model in `pull-request` mode; waits for its pull request
 *   against the alias file to be merged (the review is the approval; CI moves the alias in the registry).
 * - `in_progress`: the portal is moving the alias in the registry.
 * - `completed`: the alias moved.
 * - `blocked`: a quality gate failed; nothing moved.
 * - `rejected`: an approver said no; nothing moved.
 * - `failed`: the registry refused or could not be reached; nothing moved.
 *
 * @public
 */
export const promotionStateSchema = z.enum([
  'pending_approval',
  'pending_pull_request',
  'in_progress',
  'completed',
  'blocked',
  'rejected',
  'failed',
  /** The registry never confirmed the move; reconciliation settles it (the alias stays locked until then). */
  'unknown',
]);

/**
 * The life of a promotion or rollback request (`promotionStateSchema`).
 *
 * @public
 */
export type PromotionState = z.infer<typeof promotionStateSchema>;

/**
 * The pull request a promotion in `pull-request` mode opened against the Model's alias file: `open` while it
 * waits for review, `merged` (by whom, when, as GitHub reports it) or `closed` without merging.
 *
 * @public
 */
export const promotionPullRequestSchema = z.object({
  number: z.number().int(),
  url: z.string(),
  state: z.enum(['open', 'merged', 'closed']),
  /** The repository and the alias file the pull request edits. */
  repoUrl: z.string(),
  path: z.string(),
  /** The GitHub login that merged it (GitHub's `merged_by.login`), when the host says. */
  mergedBy: z.string().optional(),
  mergedAt: z.string().optional(),
  closedAt: z.string().optional(),
});

/**
 * The pull request behind a promotion in `pull-request` mode (`promotionPullRequestSchema`).
 *
 * @public
 */
export type PromotionPullRequest = z.infer<typeof promotionPullRequestSchema>;

/**
 * One entry of a Model's append-only promotion history.
 *
 * @public
 */
export const promotionRecordSchema = z.object({
  id: z.string(),
  entityRef: z.string(),
  instance: z.string(),
  registeredModel: z.string(),
  action: z.enum(['promote', 'rollback']),
  alias: z.string(),
  fromVersion: z.string().optional(),
  toVersion: z.string(),
  reason: z.string(),
  state: promotionStateSchema,
  requestedBy: z.string(),
  requestedAt: z.string(),
  gates: z.array(gateResultSchema),
  decidedBy: z.string().optional(),
  decisionComment: z.string().optional(),
  decidedAt: z.string().optional(),
  completedAt: z.string().optional(),
  error: z.string().optional(),
  /** When reconciliation or an operator learned the outcome of a move first recorded as `unknown`. */
  outcomeLearnedAt: z.string().optional(),
  /** The pull request against the alias file, for a promotion of a Model in `pull-request` mode. */
  pullRequest: promotionPullRequestSchema.optional(),
});

/**
 * One entry of a Model's promotion history (`promotionRecordSchema`).
 *
 * @public
 */
export type PromotionRecord = z.infer<typeof promotionRecordSchema>;

/**
 * What `POST …/promotions` with `dryRun: true` reports: what would happen, with nothing recorded or moved.
 *
 * @public
 */
export const promotionPlanSchema = z.object({
  alias: z.string(),
  fromVersion: z.string().optional(),
  toVersion: z.string(),
  gates: z.array(gateResultSchema),
  gatesPassed: z.boolean(),
  needsApproval: z.boolean(),
  /** The approval would be a pull request's review (the Model's `registry.changeVia` is `pull-request`). */
  viaPullRequest: z.boolean().optional(),
});

/**
 * What a promotion dry run reports would happen (`promotionPlanSchema`).
 *
 * @public
 */
export type PromotionPlan = z.infer<typeof promotionPlanSchema>;

/**
 * The history of a Model's aliases; with `at`, also where each alias pointed at that time.
 *
 * @public
 */
export const promotionHistorySchema = z.object({
  items: z.array(promotionRecordSchema),
  at: z.string().optional(),
  aliasesAt: z.record(z.string()).optional(),
});

/**
 * The history of a Model's aliases (`promotionHistorySchema`).
 *
 * @public
 */
export type PromotionHistory = z.infer<typeof promotionHistorySchema>;
