import { z } from 'zod';
import { gateResultSchema } from './registrySchemas';

/*
 * The model card part of `/api/mlops/v1` (`GET /v1/entities/model/:namespace/:name/model-card`): the card's
 * written sections with where they came from, and the facts the portal read for it.
 */

/**
 * One written section of a model card: a known section (`id` set) or one the card's author added (no `id`).
 *
 * @public
 */
export const modelCardSectionSchema = z.object({
  /** The known section's id (`MODEL_CARD_SECTIONS`); absent for a section the card added itself. */
  id: z.string().optional(),
  /** The section's heading. */
  title: z.string(),
  /** Its text, Markdown, without the owner guidance (HTML comments) a skeleton holds. */
  markdown: z.string(),
});

/**
 * One version a model card reports on: the version an alias points at, its overall metrics against the Model's
 * quality gates, and its metrics per slice when its run logged slices (`slice/<slice>/<metric>`).
 *
 * @public
 */
export const modelCardVersionSchema = z.object({
  alias: z.string(),
  version: z.string(),
  createdAt: z.string().optional(),
  /** The registry's training run of the version (an MLflow run id). */
  runId: z.string().optional(),
  /** The Kubeflow run that registered the version (its `kfp_run_id` tag), with a link when the UI is configured. */
  trainingRun: z
    .object({ runId: z.string(), url: z.string().optional() })
    .optional(),
  /** The overall metrics: the run's metrics that are not per slice. */
  metrics: z.record(z.number()),
  gates: z.array(gateResultSchema),
  gatesPassed: z.boolean(),
  /** Per slice, the metrics logged as `slice/<slice>/<metric>`, slices in name order. */
  slices: z.array(
    z.object({ slice: z.string(), metrics: z.record(z.number()) }),
  ),
});

/**
 * A Model's card (`GET …/model-card`). `source` says where the text came from: `file` (a `MODEL_CARD.md`
 * beside the entity's catalog file, which wins), `spec` (`spec.modelCard`) or `none`. `missing` lists the
 * expected sections no source wrote. Facts that could not be read are listed in `unavailable` (the card still
 * answers with everything else).
 *
 * @public
 */
export const modelCardSchema = z.object({
  entityRef: z.string(),
  source: z.object({
    type: z.enum(['file', 'spec', 'none']),
    /** For `file`: where the file was read (the location's URL, or `file:` path). */
    location: z.string().optional(),
    /** Set when a `MODEL_CARD.md` exists but could not be read; the card then falls back to the spec. */
    error: z.string().optional(),
  }),
  sections: z.array(modelCardSectionSchema),
  missing: z.array(z.object({ id: z.string(), title: z.string() })),
  facts: z.object({
    owner: z.string(),
    system: z.string().optional(),
    registry: z
      .object({
        instance: z.string(),
        registeredModel: z.string(),
        champion: modelCardVersionSchema.optional(),
        challenger: modelCardVersionSchema.optional(),
      })
      .optional(),
    lineage: z.object({
      /** The feature views the Model consumes (entity refs, from its relations). */
      featureViews: z.array(z.string()),
      /** The Pipeline that trains it (an entity ref, from its relations); each version names its own run. */
      trainingPipeline: z.string().optional(),
    }),
  }),
  /** The facts that could not be read, each with the reason (e.g. `{fact: 'registry', message}`). */
  unavailable: z.array(z.object({ fact: z.string(), message: z.string() })),
});

/**
 * A Model's card: written sections, their source, what is missing, and the facts (`modelCardSchema`).
 *
 * @public
 */
export type ModelCard = z.infer<typeof modelCardSchema>;

/**
 * One version a model card reports on (`modelCardVersionSchema`).
 *
 * @public
 */
export type ModelCardVersion = z.infer<typeof modelCardVersionSchema>;

/**
 * One written section of a model card (`modelCardSectionSchema`).
 *
 * @public
 */
export type ModelCardSection = z.infer<typeof modelCardSectionSchema>;
