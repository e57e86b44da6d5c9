import { z } from 'zod';
import { aliasSchema, reasonSchema } from '../registry/registryRequests';

/* Request bodies of the rollout routes. */

export const stepSchema = z
  .object({
    weight: z.number().int().min(0).max(100),
    durationSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600),
  })
  .strict();
export const rolloutBody = z
  .object({
    entityRef: z.string().min(1),
    version: z.string().regex(/^\d+$/, 'a registry version number, e.g. "7"'),
    alias: aliasSchema.optional(),
    steps: z
      .array(stepSchema)
      .min(1)
      .max(20)
      .refine(
        steps => steps[steps.length - 1].weight === 100,
        'the last step must give the canary 100%',
      )
      .optional(),
    analysis: z
      .object({
        intervalSeconds: z.number().int().min(1).max(3600),
        initialDelaySeconds: z.number().int().min(0).max(3600),
        count: z.number().int().min(1).max(100),
        failureLimit: z.number().int().min(0).max(100),
        inconclusiveLimit: z.number().int().min(0).max(100),
        consecutiveErrorLimit: z.number().int().min(0).max(100),
      })
      .partial()
      .strict()
      .optional(),
    strategy: z.enum(['canary', 'abtest', 'shadow', 'bluegreen']).optional(),
    shadow: z
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
      .strict()
      .optional(),
    blueGreen: z
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
      .strict()
      .optional(),
    abTest: z
      .object({
        candidateShare: z.number().int().min(1).max(99).optional(),
        baselineRate: z.number().gt(0).lt(1),
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
      .strict()
      .optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();
export const rolloutControlBody = z.object({ reason: reasonSchema }).strict();
