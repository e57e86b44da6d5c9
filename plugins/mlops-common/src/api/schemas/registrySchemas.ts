import { z } from 'zod';

/*
 * The registry part of `/api/mlops/v1`: what the routes accept (request bodies and queries) and the main JSON they
 * answer with, and the alias, reason and version fields the promotion and rollout schemas share. The backend parses
 * with these schemas, the scaffolder actions derive their inputs from them, the frontend client types its calls
 * with their inferred types, and the backend's OpenAPI spec is tested against them. Times are ISO 8601 strings;
 * versions are strings, as in MLflow. Moving aliases (promotions, rollbacks, their approvals and pull requests) is
 * in `promotionSchemas.ts`.
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
