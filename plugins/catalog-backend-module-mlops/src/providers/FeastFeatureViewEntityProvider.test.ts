import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DeferredEntity } from '@backstage/plugin-catalog-node';
import { recordingConnection } from '../__testUtils__/recordingConnection';
import { featureViewEntityV1alpha1Validator } from '@mlops-portal/plugin-mlops-common';
import {
  FeastRegistryFake,
  feastRouter,
  seedFeast,
} from '@mlops-portal/sandbox';
import express from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { FeastFeatureViewEntityProvider } from './FeastFeatureViewEntityProvider';

/* The provider against the sandbox's Feast REST registry stand-in over HTTP, with a connection that records. */
describe('FeastFeatureViewEntityProvider', () => {
  let server: Server;
  let feast: FeastRegistryFake;
  let url: string;
  let recorder: ReturnType<typeof recordingConnection>;
  let mutations: Array<{ type: string; entities?: DeferredEntity[] }>;
  let logger: ReturnType<typeof mockServices.logger.mock>;

  beforeEach(async () => {
    recorder = recordingConnection();
    mutations = recorder.mutations;
    feast = new FeastRegistryFake();
    seedFeast(feast);
    server = express().use('/feast', feastRouter(feast)).listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feast`;
    logger = mockServices.logger.mock();
  });

  afterEach(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  const provider = async (instance: Record<string, unknown> = {}) => {
    const p = FeastFeatureViewEntityProvider.fromConfig(
      new ConfigReader({
        mlops: {
          feast: {
            instances: [
              { name: 'default', baseUrl: url, timeoutMs: 1000, ...instance },
            ],
          },
        },
        catalog: {
          providers: {
            mlopsFeast: {
              defaultOwner: 'group:default/data-platform',
              owners: { 'fraud/merchant_risk': 'group:default/fraud-ml' },
              systems: { fraud: 'fraud-detection', growth: 'customer-growth' },
            },
          },
        },
      }),
      logger,
    )!;
    await p.connect(recorder.connection);
    return p;
  };

  const entities = (index = 0) =>
    mutations[index].entities!.map(e => e.entity as any);

  it('turns every view of every project into a valid FeatureView, named as the example Models reference them', async () => {
    expect(await (await provider()).refresh()).toEqual({
      entities: 3,
      yielded: [],
    });
    expect(mutations[0].type).toBe('full');
    const byName = Object.fromEntries(
      entities().map(e => [e.metadata.name, e]),
    );
    // The example Models consume `featureview:customer-transactions`, `…merchant-risk` and `…customer-profile`.
    expect(Object.keys(byName).sort()).toEqual([
      'customer-profile',
      'customer-transactions',
      'merchant-risk',
    ]);
    for (const entity of entities()) {
      expect(featureViewEntityV1alpha1Validator(entity)).toBe(entity);
    }
    expect(byName['customer-transactions']).toMatchObject({
      metadata: {
        title: 'Customer transactions',
        description: 'Rolling transaction counts and amounts per card holder',
        annotations: {
          'mlops.backstage.io/feast-project': 'fraud',
          'mlops.backstage.io/source': 'feast:default',
          'backstage.io/managed-by-location': `url:${url}/api/v1/feature_views/customer_transactions?project=fraud`,
        },
        labels: { 'mlops.backstage.io/feast-view-type': 'streamFeatureView' },
      },
      spec: {
        owner: 'group:default/data-platform',
        system: 'fraud-detection',
        entities: ['customer_id'],
        source: { type: 'stream', name: 'card_authorisations_kafka' },
        ttl: 'PT6H',
        online: true,
        offline: true,
        feast: {
          instance: 'default',
          project: 'fraud',
          name: 'customer_transactions',
        },
      },
    });
    expect(byName['customer-transactions'].spec.features[0]).toEqual({
      name: 'txn_count_1h',
      type: 'INT64',
      description: 'Authorisations in the last hour',
    });
    expect(byName['merchant-risk'].spec).toMatchObject({
      owner: 'group:default/fraud-ml',
      ttl: 'P2D',
    });
    // Feast leaves `online: false` out of its JSON; the profile is offline only.
    expect(byName['customer-profile'].spec).toMatchObject({
      system: 'customer-growth',
      online: false,
      offline: true,
      source: { type: 'batch', name: 'customer_profile_daily' },
      ttl: 'P7D',
    });
    expect(mutations[0].entities![0].locationKey).toBeUndefined();
  });

  it('follows updates and deletions upstream, and reads only the projects an instance names', async () => {
    const p = await provider();
    await p.refresh();
    feast.applyFeatureView('fraud', {
      type: 'featureView',
      name: 'merchant_risk',
      entities: ['merchant_id'],
      features: [{ name: 'merchant_risk_score_v2', valueType: 'DOUBLE' }],
      ttlSeconds: 86_400,
      batchSource: { name: 'merchant_chargebacks_daily', type: 'BATCH_FILE' },
      online: true,
    });
    feast.deleteFeatureView('growth', 'customer_profile');
    await p.refresh();
    const names = entities(1).map(e => e.metadata.name);
    expect(names.sort()).toEqual(['customer-transactions', 'merchant-risk']);
    const risk = entities(1).find(e => e.metadata.name === 'merchant-risk');
    expect(risk.spec.features).toEqual([
      { name: 'merchant_risk_score_v2', type: 'DOUBLE' },
    ]);
    expect(risk.spec.ttl).toBe('P1D');

    await (await provider({ projects: ['growth'] })).refresh();
    expect(entities(2)).toEqual([]);
  });

  it('pages through many views, and leaves out one the schema refuses with a warning naming it', async () => {
    for (let i = 0; i < 230; i++) {
      feast.applyFeatureView('bulk', {
        type: 'featureView',
        name: `bulk_view_${i}`,
        entities: ['id'],
        features: [{ name: 'x', valueType: 'FLOAT' }],
      });
    }
    feast.applyFeatureView('bulk', {
      type: 'featureView',
      name: 'odd_view',
      entities: ['id'],
      features: [{ name: 'embedding', valueType: 'FANCY_TENSOR' }],
    });
    expect(await (await provider()).refresh()).toEqual({
      entities: 233,
      yielded: [],
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Feast feature view bulk\/odd_view on 'default' left out of the catalog: /,
      ),
    );
  });

  it('applies nothing when a registry cannot be read, so an outage never empties the catalog', async () => {
    const p = await provider({ baseUrl: 'http://127.0.0.1:1/feast' });
    await expect(p.refresh()).rejects.toThrow(
      /^Feast registry 'default' listProjects failed: unreachable/,
    );
    expect(mutations).toEqual([]);
  });

  it('is off unless catalog.providers.mlopsFeast is configured', () => {
    expect(
      FeastFeatureViewEntityProvider.fromConfig(
        new ConfigReader({}),
        mockServices.logger.mock(),
      ),
    ).toBeUndefined();
  });
});
