import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  MlflowClients,
  MlflowModelRegistry,
} from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import { modelEntityV1alpha1Validator } from '@mlops-portal/plugin-mlops-common';
import { MlflowFake, mlflowRouter, seedMlflow } from '@mlops-portal/sandbox';
import express, { Router } from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { recordingConnection } from '../__testUtils__/recordingConnection';
import { RegisteredModelEntityProvider } from './RegisteredModelEntityProvider';

/* The provider against the sandbox's MLflow stand-in over HTTP, with a connection that records. */
describe('RegisteredModelEntityProvider', () => {
  let server: Server;
  let url: string;
  /** What the MLflow server answers from; a test swaps it to change what the registry holds. */
  let upstream: Router;
  let recorder: ReturnType<typeof recordingConnection>;

  const seeded = () => {
    const fake = new MlflowFake();
    seedMlflow(fake);
    return fake;
  };

  beforeEach(async () => {
    recorder = recordingConnection();
    upstream = mlflowRouter(seeded());
    server = express()
      .use('/mlflow', (req, res, next) => upstream(req, res, next))
      .listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mlflow`;
  });

  afterEach(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  const configOf = (baseUrl: string, instances = ['default']) =>
    new ConfigReader({
      mlops: {
        mlflow: {
          instances: instances.map(name => ({
            name,
            baseUrl,
            timeoutMs: 1000,
            maxAttempts: 1,
          })),
        },
      },
      catalog: {
        providers: {
          mlopsRegistry: {
            defaultOwner: 'group:default/ml-platform',
            owners: {
              'churn-predictor': 'group:default/growth-ml',
              'fraud-detector': 'group:default/someone-else',
            },
            systems: { 'churn-predictor': 'customer-growth' },
            lifecycle: 'experimental',
            type: 'classification',
          },
        },
      },
    });

  const providers = (
    options: {
      baseUrl?: string;
      instances?: string[];
      catalogEntities?: Entity[];
      logger?: ReturnType<typeof mockServices.logger.mock>;
    } = {},
  ) => {
    const config = configOf(options.baseUrl ?? url, options.instances);
    return RegisteredModelEntityProvider.fromConfig(
      config,
      [
        new MlflowModelRegistry(
          MlflowClients.fromConfig(config),
          mockServices.cache.mock(),
        ),
      ],
      options.logger ?? mockServices.logger.mock(),
      options.catalogEntities
        ? {
            catalog: catalogServiceMock({ entities: options.catalogEntities }),
            auth: mockServices.auth(),
          }
        : undefined,
    );
  };

  const provider = async (options: Parameters<typeof providers>[0] = {}) => {
    const [p] = providers(options);
    await p.connect(recorder.connection);
    return p;
  };

  const emitted = (mutation = 0) =>
    recorder.mutations[mutation].entities!.map(e => e.entity as any);

  it('turns every registered model into a valid Model naming its registry entry', async () => {
    expect(await (await provider()).refresh()).toEqual({
      entities: 3,
      yielded: [],
    });
    const [mutation] = recorder.mutations;
    expect(mutation.type).toBe('full');
    const [churn, fraud, anomaly] = emitted();
    for (const entity of [churn, fraud, anomaly]) {
      expect(modelEntityV1alpha1Validator(entity)).toBe(entity);
    }
    expect(churn).toEqual({
      apiVersion: 'mlops.backstage.io/v1alpha1',
      kind: 'Model',
      metadata: {
        name: 'churn-predictor',
        title: 'Churn predictor',
        description: '30-day churn propensity (LightGBM)',
        annotations: {
          'backstage.io/managed-by-location': `url:${url}/api/2.0/mlflow/registered-models/get?name=churn-predictor`,
          'backstage.io/managed-by-origin-location': `url:${url}/api/2.0/mlflow/registered-models/get?name=churn-predictor`,
          'mlops.backstage.io/mlflow-registered-model': 'churn-predictor',
          'mlops.backstage.io/source': 'mlflow:default',
        },
      },
      spec: {
        type: 'classification',
        lifecycle: 'experimental',
        owner: 'group:default/growth-ml',
        system: 'customer-growth',
        registry: {
          provider: 'mlflow',
          instance: 'default',
          modelName: 'churn-predictor',
        },
      },
    });
    // The registry's own tag names fraud-detector's owner, ahead of the config's mapping; it has no system.
    expect(fraud.spec.owner).toBe('group:default/fraud-ml');
    expect(fraud.spec.system).toBeUndefined();
    // The sandbox's experiment that no YAML describes: everything from its tags.
    expect(anomaly.spec).toMatchObject({
      owner: 'group:default/fraud-ml',
      system: 'fraud-detection',
      type: 'anomaly-detection',
      framework: 'pytorch',
    });
    // No location key: a Model written in YAML under the same name takes it over.
    expect(mutation.entities!.map(e => e.locationKey)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('takes owner, system, type and framework from tags, the framework also from the latest version', async () => {
    const fake = new MlflowFake();
    fake.createRegisteredModel('Card Risk', {
      tags: {
        'backstage.io/owner': 'user:default/li.wei',
        'backstage.io/system': 'fraud-detection',
        model_type: 'regression',
        framework: 'lightgbm',
      },
    });
    fake.createRegisteredModel('ranker');
    fake.addVersion('ranker', {
      metrics: {},
      createdAt: 1,
      tags: { framework: 'sklearn' },
    });
    fake.addVersion('ranker', {
      metrics: {},
      createdAt: 2,
      tags: { framework: 'pytorch' },
    });
    // An owner tag that is no entity reference falls back to the configured owner.
    fake.createRegisteredModel('untagged', {
      tags: { 'backstage.io/owner': 'Fraud ML team' },
    });
    upstream = mlflowRouter(fake);
    await (await provider()).refresh();
    expect(
      emitted().map(e => [
        e.metadata.name,
        e.spec.owner,
        e.spec.system,
        e.spec.type,
        e.spec.framework,
      ]),
    ).toEqual([
      [
        'card-risk',
        'user:default/li.wei',
        'fraud-detection',
        'regression',
        'lightgbm',
      ],
      [
        'ranker',
        'group:default/ml-platform',
        undefined,
        'classification',
        'pytorch',
      ],
      [
        'untagged',
        'group:default/ml-platform',
        undefined,
        'classification',
        undefined,
      ],
    ]);
  });

  it('leaves out, with a warning, a model the Model schema refuses', async () => {
    const fake = seeded();
    fake.createRegisteredModel('typeless', { tags: { model_type: '' } });
    upstream = mlflowRouter(fake);
    const logger = mockServices.logger.mock();
    await (await provider({ logger })).refresh();
    expect(emitted().map(e => e.metadata.name)).toEqual([
      'churn-predictor',
      'fraud-detector',
      'transaction-anomaly-detector',
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Registered model 'typeless' of MLflow 'default' left out of the catalog: .*type/,
      ),
    );
  });

  it('drops a model deleted upstream at the next refresh', async () => {
    const p = await provider();
    await p.refresh();
    const fake = new MlflowFake();
    fake.createRegisteredModel('fraud-detector');
    upstream = mlflowRouter(fake);
    await p.refresh();
    expect(recorder.mutations.map(m => m.type)).toEqual(['full', 'full']);
    expect(emitted(1).map(e => e.metadata.name)).toEqual(['fraud-detector']);
  });

  it('applies nothing when the registry cannot be read, and says so', async () => {
    const logger = mockServices.logger.mock();
    const p = await provider({ baseUrl: 'http://127.0.0.1:1/mlflow', logger });
    await expect(p.refresh()).rejects.toThrow(/unreachable|ECONNREFUSED/);
    expect(recorder.mutations).toEqual([]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(
        /^registered models of MLflow 'default' not refreshed, the catalog keeps what it had/,
      ),
    );
  });

  it('leaves a name to the Model written in YAML, and keeps its own', async () => {
    const model = (name: string, annotations: Record<string, string>) => ({
      apiVersion: 'mlops.backstage.io/v1alpha1',
      kind: 'Model',
      metadata: { name, namespace: 'default', annotations },
      spec: { type: 'classification', lifecycle: 'production', owner: 'x' },
    });
    const p = await provider({
      catalogEntities: [
        // From examples/*.yaml: a file location, no source annotation.
        model('fraud-detector', {
          'backstage.io/managed-by-location': 'file:/examples/fraud.yaml',
        }),
        // This provider's own entity from the last refresh: it stays.
        model('churn-predictor', {
          'mlops.backstage.io/source': 'mlflow:default',
        }),
      ],
    });
    expect(await p.refresh()).toEqual({
      entities: 2,
      yielded: ['model:default/fraud-detector'],
    });
    expect(emitted().map(e => e.metadata.name)).toEqual([
      'churn-predictor',
      'transaction-anomaly-detector',
    ]);
  });

  it("yields to another registry instance's Model of the same name", async () => {
    const [first, second] = providers({
      instances: ['default', 'research'],
      catalogEntities: [
        {
          apiVersion: 'mlops.backstage.io/v1alpha1',
          kind: 'Model',
          metadata: {
            name: 'churn-predictor',
            annotations: { 'mlops.backstage.io/source': 'mlflow:default' },
          },
        },
      ],
    });
    expect(first.getProviderName()).toBe('mlops-registry-mlflow-default');
    expect(second.getProviderName()).toBe('mlops-registry-mlflow-research');
    await second.connect(recorder.connection);
    expect(await second.refresh()).toEqual({
      entities: 2,
      yielded: ['model:default/churn-predictor'],
    });
    expect(emitted()[0].spec.registry.instance).toBe('research');
  });

  it('is off unless catalog.providers.mlopsRegistry is configured', () => {
    expect(
      RegisteredModelEntityProvider.fromConfig(
        new ConfigReader({
          mlops: { mlflow: { instances: [{ name: 'default', baseUrl: url }] } },
        }),
        [],
        mockServices.logger.mock(),
      ),
    ).toEqual([]);
  });
});
