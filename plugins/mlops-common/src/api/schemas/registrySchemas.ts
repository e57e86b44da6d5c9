import { z } from 'zod';

/*
 * The registry and promotion part of `/api/mlops/v1`: what the routes accept (request bodies and queries) and the
 * main JSON they answer with. The backend parses with these schemas, the scaffolder actions derive their inputs
 * from them, the frontend client types its calls with their inferred types, and the backend's OpenAPI spec is
 * tested against them. Times are ISO 8601 strings; versions are strings, as in MLflow.
 */

/**
 * A registry alias the portal may move: MLflow's alias syntax, without the names MLflow reserves.
 *
 * @public
 */
export const aliasSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
  .refine(
    a => !/^(latest|v\d+)$/i.test(a),
    "'latest' and 'v<number>' are reserved by MLflow",
  );

/**
 * Why a person asks for a change; kept in the history.
 *
 * @public
 */
export const reasonSchema = z
  .string()
  .trim()
  .min(3, 'say why, in at least 3 characters')
  .max(2000);

/**
 * A registry version number, e.g. `"7"`.
 *
 * @public
 */
export const registryVersionSchema = z
  .string()
  .regex(/^\d+$/, 'a registry version number, e.g. "7"');

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
 * `POST /v1/registry/models`: create a registered model in one of the configured MLflow instances.
 *
 * @public
 */
export const createRegisteredModelRequestSchema = z
  .object({
    /** The MLflow instance in app-config; the first when absent. */
    instance: z.string().trim().min(1).max(128).optional(),
    // MLflow accepts most names; the portal keeps to names that are also entity names.
    name: z
      .string()
      .regex(
        /^[a-z0-9]([-a-z0-9_.]{0,126}[a-z0-9])?$/,
        'lower-case letters, digits, -, _ and . (at most 128), starting and ending with a letter or digit',
      ),
    description: z.string().trim().max(2000).optional(),
    /** The owning group or user, kept as the tag `backstage.io/owner`. */
    owner: z.string().trim().min(1).max(256).optional(),
    /** Check that the name is free, creating nothing. */
    dryRun: z.boolean().optional(),
  })
  .strict();

/**
 * The body of `POST /v1/registry/models` (`createRegisteredModelRequestSchema`).
 *
 * @public
 */
export type CreateRegisteredModelRequest = z.infer<
  typeof createRegisteredModelRequestSchema
>;

/**
 * What `POST /v1/registry/models` answers: `created`, or `would-create` for a dry run.
 *
 * @public
 */
export const createRegisteredModelResultSchema = z.object({
  instance: z.string(),
  name: z.string(),
  outcome: z.enum(['created', 'would-create']),
});

/**
 * What `POST /v1/registry/models` answers (`createRegisteredModelResultSchema`).
 *
 * @public
 */
export type CreateRegisteredModelResult = z.infer<
  typeof createRegisteredModelResultSchema
>;

/**
 * The outcome of one quality gate for one model version.
 *
 * @public
 */
export const gateResultSchema = z.object({
  metric: z.string(),
  /** `min`/`max`: absolute bound; `minRatioOfChampion`/`maxRatioOfChampion`: relative to the champion. */
  kind: z.enum(['min', 'max', 'minRatioOfChampion', 'maxRatioOfChampion']),
  /** The bound as declared in the Model spec. */
  threshold: z.number(),
  /** The bound the measured value was compared with (the threshold times the champion's value for ratios). */
  effectiveThreshold: z.number().optional(),
  /** The candidate's latest value of the metric in its MLflow run, when it has one. */
  measured: z.number().optional(),
  /** The champion's value, for ratio gates. */
  champion: z.number().optional(),
  passed: z.boolean(),
  /** Why the gate failed, in words. */
  reason: z.string().optional(),
});

/**
 * The outcome of one quality gate for one model version (`gateResultSchema`).
 *
 * @public
 */
export type GateResult = z.infer<typeof gateResultSchema>;

/**
 * One version of a registered model, as the Registry tab shows it.
 *
 * @public
 */
export const modelVersionSummarySchema = z.object({
  version: z.string(),
  status: z.string(),
  runId: z.string().optional(),
  source: z.string().optional(),
  description: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string().optional(),
  aliases: z.array(z.string()),
  metrics: z.record(z.number()),
  gates: z.array(gateResultSchema),
  gatesPassed: z.boolean(),
});

/**
 * One version of a registered model, as the Registry tab shows it (`modelVersionSummarySchema`).
 *
 * @public
 */
export type ModelVersionSummary = z.infer<typeof modelVersionSummarySchema>;

/**
 * Where an alias points now and, when the portal moved it, since when and by whom.
 *
 * @public
 */
export const aliasStateSchema = z.object({
  alias: z.string(),
  version: z.string(),
  protected: z.boolean(),
  /** Set when the portal's history knows the move; an alias set outside the portal has none. */
  movedAt: z.string().optional(),
  movedBy: z.string().optional(),
  promotionId: z.string().optional(),
});

/**
 * Where an alias points now, and since when and by whom the portal moved it (`aliasStateSchema`).
 *
 * @public
 */
export type AliasState = z.infer<typeof aliasStateSchema>;

/**
 * A Model's registry entry (`GET …/registry`): the registered model, its aliases and versions (newest first).
 *
 * @public
 */
export const registryViewSchema = z.object({
  instance: z.string(),
  registeredModel: z.object({
    name: z.string(),
    description: z.string().optional(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
    tags: z.record(z.string()),
  }),
  protectedAliases: z.array(z.string()),
  aliases: z.array(aliasStateSchema),
  versions: z.array(modelVersionSummarySchema),
});

/**
 * A Model's registry entry: the registered model, its aliases and versions (`registryViewSchema`).
 *
 * @public
 */
export type RegistryView = z.infer<typeof registryViewSchema>;

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
