import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DeferredEntity } from '@backstage/plugin-catalog-node';
import { recordingConnection } from '../__testUtils__/recordingConnection';
import { pipelineEntityV1alpha1Validator } from '@mlops-portal/plugin-mlops-common';
import { KfpFake, kfpRouter, seedKfp } from '@mlops-portal/sandbox';
import express from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { KubeflowPipelineEntityProvider } from './KubeflowPipelineEntityProvider';
import { entityNameOf } from './UpstreamEntityProvider';

/* The provider against the sandbox's Kubeflow Pipelines stand-in over HTTP, with a connection that records. */
describe('KubeflowPipelineEntityProvider', () => {
  let server: Server;
  let kfp: KfpFake;
  let url: string;
  let recorder: ReturnType<typeof recordingConnection>;
  let mutations: Array<{ type: string; entities?: DeferredEntity[] }>;

  beforeEach(async () => {
    recorder = recordingConnection();
    mutations = recorder.mutations;
    kfp = new KfpFake();
    seedKfp(kfp);
    server = express().use('/kfp', kfpRouter(kfp)).listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kfp`;
  });

  afterEach(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  const provider = async (baseUrl = url) => {
    const p = KubeflowPipelineEntityProvider.fromConfig(
      new ConfigReader({
        mlops: {
          kubeflow: {
            instances: [{ name: 'default', baseUrl, timeoutMs: 1000 }],
          },
        },
        catalog: {
          providers: {
            mlopsKubeflow: {
              defaultOwner: 'group:default/ml-platform',
              owners: { 'churn-training': 'group:default/growth-ml' },
              system: 'ml-platform',
              systems: { 'churn-scoring': 'customer-growth' },
              lifecycles: { 'churn-scoring': 'experimental' },
              types: { 'churn-scoring': 'batch-inference' },
            },
          },
        },
      }),
      mockServices.logger.mock(),
    )!;
    await p.connect(recorder.connection);
    return p;
  };

  it('turns every pipeline into a valid Pipeline entity with its owner, id and location', async () => {
    expect(await (await provider()).refresh()).toEqual({
      entities: 3,
      yielded: [],
    });
    const [mutation] = mutations;
    expect(mutation.type).toBe('full');
    const entities = mutation.entities!.map(e => e.entity as any);
    expect(entities.map(e => [e.metadata.name, e.spec.owner])).toEqual([
      ['churn-scoring', 'group:default/ml-platform'],
      ['churn-training', 'group:default/growth-ml'],
      ['fraud-detector-training', 'group:default/ml-platform'],
    ]);
    for (const entity of entities) {
      // The kind's validator returns the entity, or throws naming the field when it is malformed.
      expect(pipelineEntityV1alpha1Validator(entity)).toBe(entity);
      expect(entity.spec.kubeflow.pipelineId).toBe(
        entity.metadata.annotations['mlops.backstage.io/kubeflow-pipeline-id'],
      );
      expect(
        entity.metadata.annotations['backstage.io/managed-by-location'],
      ).toBe(
        `url:${url}/apis/v2beta1/pipelines/${entity.spec.kubeflow.pipelineId}`,
      );
    }
    // No location key: a Pipeline written in YAML under the same name takes it over (UpstreamEntityProvider).
    expect(mutation.entities![0].locationKey).toBeUndefined();
    expect(
      entities.map(e => [
        e.metadata.title,
        e.spec.system,
        e.spec.lifecycle,
        e.spec.type,
        e.spec.schedule,
        e.metadata.annotations['mlops.backstage.io/source'],
      ]),
    ).toEqual([
      [
        'Churn scoring',
        'customer-growth',
        'experimental',
        'batch-inference',
        '0 0 6 * * *',
        'kubeflow:default',
      ],
      [
        'Churn training',
        'ml-platform',
        'production',
        'training',
        '0 0 5 * * 1',
        'kubeflow:default',
      ],
      [
        'Fraud detector training',
        'ml-platform',
        'production',
        'training',
        '0 0 3 * * *',
        'kubeflow:default',
      ],
    ]);
  });

  it('leaves out the schedule of a pipeline without an enabled recurring run', async () => {
    kfp.addPipeline('ad-hoc-backfill', 'Run by hand');
    await (await provider()).refresh();
    const backfill = mutations[0].entities!.find(
      e => e.entity.metadata.name === 'ad-hoc-backfill',
    )!.entity as any;
    expect(backfill.spec.schedule).toBeUndefined();
    expect(backfill.metadata.title).toBe('Ad hoc backfill');
  });

  it('drops a pipeline deleted upstream, and pages through many', async () => {
    for (let i = 0; i < 450; i++) kfp.addPipeline(`bulk ${i} Training/Job`);
    const p = await provider();
    expect(await p.refresh()).toEqual({ entities: 453, yielded: [] });
    kfp.removePipeline('churn-training');
    await p.refresh();
    const names = mutations[1].entities!.map(e => e.entity.metadata.name);
    expect(names).toHaveLength(452);
    expect(names).not.toContain('churn-training');
    expect(names).toContain('bulk-0-training-job');
  });

  it('applies nothing when Kubeflow cannot be read, so an outage never empties the catalog', async () => {
    const p = await provider('http://127.0.0.1:1/kfp');
    await expect(p.refresh()).rejects.toThrow(
      /^Kubeflow Pipelines instance 'default' listPipelines failed: unreachable/,
    );
    expect(mutations).toEqual([]);
  });

  it('is off unless catalog.providers.mlopsKubeflow is configured', () => {
    expect(
      KubeflowPipelineEntityProvider.fromConfig(
        new ConfigReader({ mlops: { kubeflow: { instances: [] } } }),
        mockServices.logger.mock(),
      ),
    ).toBeUndefined();
  });

  it('makes entity names from any upstream name', () => {
    expect(entityNameOf('Fraud Detector / Training v2', 'pipeline')).toBe(
      'fraud-detector-training-v2',
    );
    expect(entityNameOf('customer_transactions', 'x')).toBe(
      'customer-transactions',
    );
    expect(entityNameOf('---', 'pipeline')).toBe('pipeline');
    expect(entityNameOf('x'.repeat(80), 'pipeline')).toHaveLength(63);
  });
});
