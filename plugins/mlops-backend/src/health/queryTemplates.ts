import { Config } from '@backstage/config';

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

const seldon =
  'namespace="{{namespace}}",deployment_name="{{deployment}}",service="predictions"';

/** Seldon Core v1 executor metrics (api-contracts §2, §4.5) and the portal's feature-metric conventions. */
export const DEFAULT_HEALTH_QUERIES: HealthQueryTemplates = {
  requestRate: `sum by (predictor_name) (rate(seldon_api_executor_server_requests_seconds_count{${seldon}}[{{window}}]))`,
  // `or … * 0`: a predictor without a single 5xx has no error series at all, and that is 0%, not "no data".
  errorRate: `(sum by (predictor_name) (rate(seldon_api_executor_server_requests_seconds_count{${seldon},code=~"5.."}[{{window}}])) or sum by (predictor_name) (rate(seldon_api_executor_server_requests_seconds_count{${seldon}}[{{window}}])) * 0) / sum by (predictor_name) (rate(seldon_api_executor_server_requests_seconds_count{${seldon}}[{{window}}]))`,
  latency: `histogram_quantile({{quantile}}, sum by (le, predictor_name) (rate(seldon_api_executor_server_requests_seconds_bucket{${seldon}}[{{window}}])))`,
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

/** Templates from `mlops.health.queries`, defaults for the ones not set; unknown placeholders fail at startup. */
export function readHealthQueries(config: Config): HealthQueryTemplates {
  const queries = { ...DEFAULT_HEALTH_QUERIES };
  const configured = config.getOptionalConfig('mlops.health.queries');
  for (const key of Object.keys(queries) as Array<keyof HealthQueryTemplates>) {
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
