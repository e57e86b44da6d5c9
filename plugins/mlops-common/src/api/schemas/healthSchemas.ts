import { z } from 'zod';

/*
 * The health part of `/api/mlops/v1` (`/v1/entities/model/:namespace/:name/health…`): what the series route
 * accepts. The health answers are typed in `../healthTypes`.
 */

/**
 * The time ranges a health chart can ask for, with their length in seconds.
 *
 * @public
 */
export const HEALTH_SERIES_RANGE_SECONDS = {
  '15m': 900,
  '1h': 3600,
  '6h': 6 * 3600,
  '24h': 24 * 3600,
  '7d': 7 * 24 * 3600,
} as const;

/**
 * A time range a health chart can ask for: a key of `HEALTH_SERIES_RANGE_SECONDS`.
 *
 * @public
 */
export type HealthSeriesRange = keyof typeof HEALTH_SERIES_RANGE_SECONDS;

/**
 * What a health chart plots.
 *
 * @public
 */
export const healthSeriesMetricSchema = z.enum([
  'requestsPerSecond',
  'errorRate',
  'p50',
  'p95',
  'p99',
]);

/**
 * What a health chart plots (`healthSeriesMetricSchema`).
 *
 * @public
 */
export type HealthSeriesMetric = z.infer<typeof healthSeriesMetricSchema>;

/**
 * The query of `GET …/health/series`: one metric over one of the fixed ranges (`1h` when absent). The browser
 * only picks from these lists; the PromQL is built on the server.
 *
 * @public
 */
export const healthSeriesQuerySchema = z
  .object({
    metric: healthSeriesMetricSchema,
    range: z
      .enum(
        Object.keys(HEALTH_SERIES_RANGE_SECONDS) as [
          HealthSeriesRange,
          ...HealthSeriesRange[],
        ],
      )
      .optional(),
  })
  .strict();

/**
 * The query of `GET …/health/series` (`healthSeriesQuerySchema`).
 *
 * @public
 */
export type HealthSeriesQuery = z.infer<typeof healthSeriesQuerySchema>;
