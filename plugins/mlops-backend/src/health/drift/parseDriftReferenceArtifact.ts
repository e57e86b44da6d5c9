import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { FeatureDistributions } from '../../shared/statistics/featureHistograms';

/** Where a training run logs its drift reference, below the run's artifact root (README, "Drift"). */
export const DRIFT_REFERENCE_ARTIFACT = 'drift/reference.json';

/** The `format` a drift reference artifact declares. */
export const DRIFT_REFERENCE_FORMAT = 'mlops-drift-reference/v1';

const count = z.number().finite().nonnegative();

/**
 * `drift/reference.json`: counts of the training rows per bucket (numerical features) and per category
 * (categorical features). Bounds are those of the model server's `mlops_feature_value` buckets, ascending, the
 * last one `"+Inf"` (JSON has no infinity); `counts[i]` is the rows in (bound[i−1], bound[i]].
 */
const artifactSchema = z.object({
  format: z.literal(DRIFT_REFERENCE_FORMAT),
  model: z.string().optional(),
  rows: z.number().optional(),
  numerical: z
    .record(
      z
        .object({
          upperBounds: z
            .array(z.union([z.number().finite(), z.literal('+Inf')]))
            .min(1),
          counts: z.array(count).min(1),
        })
        .refine(f => f.upperBounds.length === f.counts.length, {
          message: 'needs one count per upper bound',
        })
        .refine(f => f.counts.some(c => c > 0), {
          message: 'has no observation',
        })
        .refine(
          f =>
            f.upperBounds.every(
              (b, i) =>
                (b === '+Inf') === (i === f.upperBounds.length - 1) &&
                (i === 0 ||
                  b === '+Inf' ||
                  (b as number) > (f.upperBounds[i - 1] as number)),
            ),
          { message: 'upper bounds must ascend and end with "+Inf"' },
        ),
    )
    .default({}),
  categorical: z
    .record(
      z.record(count).refine(f => Object.values(f).some(c => c > 0), {
        message: 'has no observation',
      }),
    )
    .default({}),
});

/** The distributions of a drift reference artifact; an `InputError` naming what is wrong with it otherwise. */
export function parseDriftReferenceArtifact(
  text: string,
): FeatureDistributions {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `${DRIFT_REFERENCE_ARTIFACT} is not JSON: ${(error as Error).message}`,
    );
  }
  const parsed = artifactSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(
      `${DRIFT_REFERENCE_ARTIFACT} is not a ${DRIFT_REFERENCE_FORMAT} reference: ${parsed.error.issues
        .map(i => `${i.path.join('.') || '(top)'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  const { numerical, categorical } = parsed.data;
  if (!Object.keys(numerical).length && !Object.keys(categorical).length) {
    throw new InputError(`${DRIFT_REFERENCE_ARTIFACT} names no feature`);
  }
  return {
    numerical: Object.fromEntries(
      Object.entries(numerical).map(([feature, f]) => [
        feature,
        {
          upperBounds: f.upperBounds.map(b => (b === '+Inf' ? Infinity : b)),
          counts: f.counts,
        },
      ]),
    ),
    categorical,
  };
}
