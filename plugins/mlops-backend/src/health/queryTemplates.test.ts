import { ConfigReader } from '@backstage/config';
import { SELDON_V1_HEALTH_QUERIES } from '@mlops-portal/plugin-mlops-backend-module-seldon';
import {
  escapePromqlString,
  healthQueriesFor,
  readHealthQueries,
  renderQuery,
} from './queryTemplates';

describe('health query templates', () => {
  it('fills the Seldon defaults from the entity', () => {
    expect(
      renderQuery(SELDON_V1_HEALTH_QUERIES.requestRate, {
        namespace: 'fraud',
        deployment: 'fraud-detector',
        window: '5m',
      }),
    ).toBe(
      'sum by (predictor_name) (rate(seldon_api_executor_server_requests_seconds_count{namespace="fraud",deployment_name="fraud-detector",service="predictions"}[5m]))',
    );
  });

  it('keeps a hostile value inside its PromQL string', () => {
    const hostile = 'fraud"} or vector(1) # \\ \n';
    const query = renderQuery('up{namespace="{{namespace}}"}', {
      namespace: hostile,
    });
    expect(query).toBe('up{namespace="fraud\\"} or vector(1) # \\\\ \\n"}');
    // Unescaping the string literal gives back exactly the value: nothing leaked into the query.
    const literal = /^up\{namespace=("(?:[^"\\]|\\.)*")\}$/.exec(query)![1];
    expect(JSON.parse(literal)).toBe(hostile);
    expect(escapePromqlString('a\rb')).toBe('a\\rb');
  });

  it('refuses to render a template whose placeholder has no value', () => {
    expect(() => renderQuery('up{x="{{deployment}}"}', {})).toThrow(
      'query template needs {{deployment}}',
    );
  });

  it('takes templates from config and rejects unknown placeholders at startup', () => {
    const queries = readHealthQueries(
      new ConfigReader({
        mlops: {
          health: {
            queries: { requestRate: 'sum(rate(x{m="{{model}}"}[{{window}}]))' },
          },
        },
      }),
    );
    const merged = healthQueriesFor(SELDON_V1_HEALTH_QUERIES, queries);
    expect(merged.requestRate).toBe('sum(rate(x{m="{{model}}"}[{{window}}]))');
    expect(merged.errorRate).toBe(SELDON_V1_HEALTH_QUERIES.errorRate);
    expect(() =>
      readHealthQueries(
        new ConfigReader({
          mlops: { health: { queries: { latency: 'x{a="{{team}}"}' } } },
        }),
      ),
    ).toThrow(/mlops.health.queries.latency uses \{\{team\}\}/);
  });
});
