import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { startFeastStandIn } from '../__testUtils__/startFeastStandIn';
import {
  AMIRA,
  startMlopsBackend,
  trainingPipeline,
} from '../__testUtils__/startMlopsBackend';

const featureView = (name: string, spec: Record<string, unknown>): Entity => ({
  apiVersion: 'mlops.backstage.io/v1alpha1',
  kind: 'FeatureView',
  metadata: { name, namespace: 'default' },
  spec: {
    lifecycle: 'production',
    owner: 'group:default/data-platform',
    online: true,
    ...spec,
  },
});

const transactions = featureView('customer-transactions', {
  entities: ['customer_id'],
  features: [
    { name: 'txn_count_1h', type: 'INT64' },
    { name: 'txn_amount_sum_24h', type: 'DOUBLE' },
    { name: 'distinct_merchants_7d', type: 'INT64' },
    { name: 'home_country_mismatch', type: 'BOOL' },
  ],
  ttl: 'PT6H',
  feast: { project: 'fraud', name: 'customer_transactions' },
});
// The catalog's copy has fallen behind Feast: an old feature, a wrong type, another TTL.
const merchantRisk = featureView('merchant-risk', {
  entities: ['merchant_id'],
  features: [
    { name: 'merchant_risk_score', type: 'DOUBLE' },
    { name: 'chargeback_rate_30d', type: 'DOUBLE' },
    { name: 'merchant_age_days', type: 'INT64' },
  ],
  ttl: 'P1D',
  feast: { project: 'fraud', name: 'merchant_risk' },
});
const gone = featureView('gone', {
  entities: ['id'],
  features: [{ name: 'x', type: 'FLOAT' }],
  feast: { project: 'fraud' },
});

/* The FeatureView route against the sandbox's Feast registry stand-in over HTTP. */
describe('feature view route', () => {
  let feast: Awaited<ReturnType<typeof startFeastStandIn>>;
  let backend: Awaited<ReturnType<typeof startMlopsBackend>>;
  const url = (name: string) =>
    `/api/mlops/v1/entities/featureview/default/${name}/feast`;
  const as = mockCredentials.user.header(AMIRA);

  const start = (baseUrl: string) =>
    startMlopsBackend({
      entities: [transactions, merchantRisk, gone, trainingPipeline()],
      mlopsConfig: {
        feast: { instances: [{ name: 'default', baseUrl, timeoutMs: 1000 }] },
      },
    });

  beforeEach(async () => {
    feast = await startFeastStandIn();
    backend = await start(feast.url);
  });

  afterEach(async () => {
    await backend.stop();
    await feast.stop();
  });

  it('shows the live schema, source, TTL and a fresh online store', async () => {
    const res = await request(backend.server)
      .get(url('customer-transactions'))
      .set('Authorization', as);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      feastInstance: 'default',
      project: 'fraud',
      name: 'customer_transactions',
      type: 'streamFeatureView',
      entities: ['customer_id'],
      entityColumns: [{ name: 'customer_id', type: 'INT64' }],
      source: { type: 'stream', name: 'card_authorisations_kafka' },
      ttl: 'PT6H',
      ttlSeconds: 21600,
      online: true,
      offline: true,
      stale: false,
      catalogDifferences: [],
    });
    expect(res.body.features).toHaveLength(4);
    // Seeded 12 minutes ago; a second or two pass while the test runs.
    expect(res.body.ageSeconds).toBeGreaterThanOrEqual(720);
    expect(res.body.ageSeconds).toBeLessThan(780);
    expect(res.body.materializations).toHaveLength(2);
    expect(res.body.materializations[0].end).toBe(res.body.lastMaterializedAt);
  });

  it('flags a view whose last materialization is older than its TTL, and where the catalog disagrees with Feast', async () => {
    const res = await request(backend.server)
      .get(url('merchant-risk'))
      .set('Authorization', as);
    expect(res.status).toBe(200);
    expect(res.body.stale).toBe(true);
    expect(res.body.ageSeconds).toBeGreaterThan(2 * 86400);
    expect(res.body.catalogDifferences).toEqual([
      'Feature merchant_risk_score is DOUBLE in the catalog but FLOAT in Feast',
      'Feature merchant_age_days is in the catalog but not in Feast',
      'Feature merchant_category_code is in Feast but not in the catalog',
      'TTL is P1D in the catalog but P2D in Feast',
    ]);
  });

  it('answers 404 naming Feast for a view it does not have, 400 for other kinds, 503 when Feast is down', async () => {
    const missing = await request(backend.server)
      .get(url('gone'))
      .set('Authorization', as);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      "Feast registry 'default' has no feature view 'gone' in project 'fraud'",
    );
    const wrongKind = await request(backend.server)
      .get(
        '/api/mlops/v1/entities/pipeline/default/fraud-detector-training/feast',
      )
      .set('Authorization', as);
    expect(wrongKind.status).toBe(400);

    await backend.stop();
    backend = await start('http://127.0.0.1:1/feast');
    const down = await request(backend.server)
      .get(url('customer-transactions'))
      .set('Authorization', as);
    expect(down.status).toBe(503);
    expect(down.body.error.message).toMatch(
      /^Feast registry 'default' getFeatureView failed: unreachable/,
    );
  });
});
