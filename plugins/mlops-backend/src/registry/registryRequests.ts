import { z } from 'zod';

/* Request bodies of the registry routes. */

export const aliasSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
  .refine(
    a => !/^(latest|v\d+)$/i.test(a),
    "'latest' and 'v<number>' are reserved by MLflow",
  );
export const reasonSchema = z
  .string()
  .trim()
  .min(3, 'say why, in at least 3 characters')
  .max(2000);

export const promotionBody = z
  .object({
    alias: aliasSchema,
    version: z.string().regex(/^\d+$/, 'a registry version number, e.g. "7"'),
    reason: reasonSchema,
    expectedCurrentVersion: z.string().regex(/^\d+$/).nullable().optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();
export const rollbackBody = z
  .object({ alias: aliasSchema, reason: reasonSchema })
  .strict();
export const historyQuery = z
  .object({
    alias: aliasSchema.optional(),
    at: z.string().datetime({ offset: true }).optional(),
  })
  .strict();

export const decisionBody = z.object({ comment: reasonSchema }).strict();
