import { Config } from '@backstage/config';
import { ServingHealthQueries } from '@mlops-portal/plugin-mlops-node';

/**
 * The PromQL behind a Model's health, as templates with entity-aware placeholders. Queries are built here on the
 * server from the Model's catalog entry and config; nothing of a query comes from the browser.
 *
 * Placeholders: `{{model}}` (registered model name), `{{namespace}}`, `{{deployment}}` (serving resource),
 * `{{predictor}}`, `{{version}}`, `{{window}}` (rate window), `{{quantile}}`. Values are escaped as the inside
 * of a PromQL double-quoted string, so a template writes them between quotes: `deployment_name="{{deployment}}"`.
 */
export type HealthQueryTemplates = {
  /** Requests per second, one sample per predictor (label `predictor_name`). */
  requestRate: string;
  /** Share of requests that failed (0..1), one sample per predictor. */
  errorRate: string;
  /** Latency at `{{quantile}}` in seconds, one sample per predictor. */
  latency: string;
  /** Drift gauges exported by a monitoring job: one sample per feature (labels `feature`, `method`). */
  driftScore: string;
  /** Numerical feature histograms over the window: one sample per feature and `le` bucket. */
  featureHistogram: string;
  /** Categorical feature counts over the window: one sample per feature and `category`. */
  featureCategories: string;
};

/** The portal's feature-metric conventions: drift gauges, feature histograms and category counts. */
export const DRIFT_QUERIES: Pick<
  HealthQueryTemplates,
  'driftScore' | 'featureHistogram' | 'featureCategories'
> = {
  driftScore: 'ml_feature_drift_score{model="{{model}}"}',
  featureHistogram:
    'sum by (feature, le) (increase(mlops_feature_value_bucket{model="{{model}}"}[{{window}}]))',
  featureCategories:
    'sum by (feature, category) (increase(mlops_feature_category_total{model="{{model}}"}[{{window}}]))',
};

const PLACEHOLDERS = [
  'model',
  'namespace',
  'deployment',
  'predictor',
  'version',
  'window',
  'quantile',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** `value` as the inside of a PromQL double-quoted string: backslashes, quotes and line breaks escaped. */
export function escapePromqlString(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

/** Fills a template; every placeholder it uses must have a value. */
export function renderQuery(
  template: string,
  values: Partial<Record<Placeholder, string>>,
): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, name: string) => {
    const value = values[name as Placeholder];
    if (value === undefined) {
      throw new Error(`query template needs {{${name}}}: ${template}`);
    }
    return escapePromqlString(value);
  });
}

/**
 * The templates set in `mlops.health.queries`; unknown placeholders fail at startup. They override the serving
 * platform's own queries (traffic, errors, latency) and the drift conventions ({@link DRIFT_QUERIES}).
 */
export function readHealthQueries(
  config: Config,
): Partial<HealthQueryTemplates> {
  const queries: Partial<HealthQueryTemplates> = {};
  const configured = config.getOptionalConfig('mlops.health.queries');
  const keys: Array<keyof HealthQueryTemplates> = [
    'requestRate',
    'errorRate',
    'latency',
    'driftScore',
    'featureHistogram',
    'featureCategories',
  ];
  for (const key of keys) {
    const template = configured?.getOptionalString(key);
    if (template) {
      for (const [, name] of template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
        if (!PLACEHOLDERS.includes(name as Placeholder)) {
          throw new Error(
            `mlops.health.queries.${key} uses {{${name}}}; known placeholders: ${PLACEHOLDERS.join(
              ', ',
            )}`,
          );
        }
      }
      queries[key] = template;
    }
  }
  return queries;
}

/**
 * The health queries of a Model served on a platform with `platformQueries`: the platform's traffic, error and
 * latency queries and the drift conventions, each overridden where `mlops.health.queries` sets it. A query that
 * neither gives is empty.
 */
export function healthQueriesFor(
  platformQueries: ServingHealthQueries | undefined,
  overrides: Partial<HealthQueryTemplates>,
): HealthQueryTemplates {
  return {
    requestRate: '',
    errorRate: '',
    latency: '',
    ...platformQueries,
    ...DRIFT_QUERIES,
    ...overrides,
  };
}
