import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DriftReport } from '@mlops-portal/plugin-mlops-common';
import { KfpFake, kfpRouter, seedKfp } from '@mlops-portal/sandbox';
import express from 'express';
import knexFactory, { Knex } from 'knex';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { KubeflowClients } from '@mlops-portal/plugin-mlops-node';
import { PrometheusClients } from '../../shared/prometheus/PrometheusClients';
import { applyMigrations } from '../../shared/database/applyMigrations';
import { RetrainingStore } from './RetrainingStore';
import {
  fraudDetectorModel,
  trainingPipeline,
} from '../../__testUtils__/startMlopsBackend';
import { DriftService } from '../drift/DriftService';
import { ModelEntities } from '../../shared/ModelEntities';
import { parseDuration } from '../../shared/duration';
import { RetrainingService } from './RetrainingService';

/*
 * Retraining decisions on drift reports, starting real runs on the sandbox's Kubeflow stand-in over HTTP, with
 * the cooldown kept in SQLite.
 */
describe('RetrainingService', () => {
  let server: Server;
  let kfp: KfpFake;
  let knex: Knex;
  let now: number;
  let service: RetrainingService;
  /** Another service on the same database and Kubeflow, as a second replica of the backend has. */
  let replica: () => RetrainingService;
  const model = fraudDetectorModel();
  model.spec.retraining = {
    pipeline: 'pipeline:default/fraud-detector-training',
    minSamples: 1000,
    cooldown: '12h',
    parameters: { eta: 0.1 },
  };
  const pipeline = trainingPipeline();
  const drifted = (samples: number): DriftReport => ({
    source: 'histograms',
    verdict: 'drifted',
    share: 0.5,
    driftShare: 0.5,
    features: [
      {
        feature: 'amount',
        kind: 'numerical',
        method: 'wasserstein',
        score: 0.6,
        threshold: 0.1,
        drifted: true,
        samples,
      },
      {
        feature: 'hour_of_day',
        kind: 'numerical',
        method: 'wasserstein',
        score: 0.01,
        threshold: 0.1,
        drifted: false,
        samples,
      },
    ],
  });
  const ref = 'model:default/fraud-detector';

  beforeEach(async () => {
    now = Date.parse('2026-11-27T10:00:00Z');
    kfp = new KfpFake(() => now);
    seedKfp(kfp);
    server = express().use('/kfp', kfpRouter(kfp)).listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    const config = new ConfigReader({
      mlops: {
        kubeflow: {
          instances: [
            {
              name: 'default',
              baseUrl: `http://127.0.0.1:${
                (server.address() as AddressInfo).port
              }/kfp`,
            },
          ],
        },
      },
    });
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await applyMigrations({ getClient: async () => knex } as any);
    const gone = trainingPipeline('gone-training', 'gone');
    const catalog = catalogServiceMock({
      entities: [model, pipeline, gone],
    });
    replica = () =>
      new RetrainingService({
        catalog,
        auth: mockServices.auth(),
        models: new ModelEntities(catalog),
        kubeflow: KubeflowClients.fromConfig(config),
        prometheus: PrometheusClients.fromConfig(config),
        drift: {} as DriftService,
        store: new RetrainingStore(knex),
        auditor: mockServices.auditor.mock(),
        logger: mockServices.logger.mock(),
        clock: () => now,
      });
    service = replica();
  });

  afterEach(async () => {
    await knex.destroy();
    await new Promise(resolve => server.close(resolve));
  });

  it('starts a run of the pipeline when the dataset drifts on enough data, saying why', async () => {
    const decision = await service.consider(ref, model, drifted(5000));
    expect(decision.reason).toBe(
      'dataset drifted: amount (50% of features, threshold 50%)',
    );
    expect(decision.started).toMatchObject({
      pipelineRef: 'pipeline:default/fraud-detector-training',
      kubeflowInstance: 'default',
      state: 'PENDING',
    });
    const history = await service.history(ref, mockCredentials.user());
    expect(history).toEqual([
      expect.objectContaining({
        runId: decision.started!.runId,
        reason: decision.reason,
        state: 'PENDING',
      }),
    ]);
    now += 60_000;
    expect((await service.history(ref, mockCredentials.user()))[0].state).toBe(
      'SUCCEEDED',
    );
  });

  it('waits for the cooldown between two runs, across checks', async () => {
    expect(
      (await service.consider(ref, model, drifted(5000))).started,
    ).toBeDefined();
    now += 6 * 3_600_000;
    expect(await service.consider(ref, model, drifted(5000))).toEqual({
      reason: 'cooling down: a run was started within 12h',
    });
    now += 6 * 3_600_000 + 1;
    expect(
      (await service.consider(ref, model, drifted(5000))).started,
    ).toBeDefined();
    expect(await new RetrainingStore(knex).list(ref)).toHaveLength(2);
  });

  it('lets only one of two replicas checking at once start a run', async () => {
    const decisions = await Promise.all([
      replica().consider(ref, model, drifted(5000)),
      replica().consider(ref, model, drifted(5000)),
    ]);
    const started = decisions.filter(d => d.started);
    expect(started).toHaveLength(1);
    expect(decisions.filter(d => !d.started)).toEqual([
      { reason: 'cooling down: a run was started within 12h' },
    ]);
    const kfpRuns = (
      kfp.handle('GET', '/runs', new URLSearchParams({ page_size: '200' }))
        .body as { runs?: Array<{ run_id: string; display_name: string }> }
    ).runs!.filter(r => r.display_name.startsWith('drift retraining of'));
    expect(kfpRuns.map(r => r.run_id)).toEqual([started[0].started!.runId]);
    expect(await new RetrainingStore(knex).list(ref)).toEqual([
      expect.objectContaining({ runId: started[0].started!.runId }),
    ]);
  });

  it('does nothing without drift, or on too few observations', async () => {
    expect(
      await service.consider(ref, model, {
        ...drifted(5000),
        verdict: 'stable',
      }),
    ).toEqual({ reason: 'inputs are stable' });
    expect(await service.consider(ref, model, drifted(400))).toEqual({
      reason: 'only 400 of 1000 observations',
    });
    expect(await new RetrainingStore(knex).list(ref)).toEqual([]);
  });

  it('keeps no record when Kubeflow refuses the run, so the next check tries again', async () => {
    const broken = JSON.parse(JSON.stringify(model));
    broken.spec.retraining.pipeline = 'pipeline:default/gone-training';
    await expect(service.consider(ref, broken, drifted(5000))).rejects.toThrow(
      "Kubeflow Pipelines instance 'default' getPipelineByName failed: HTTP 404 - Pipeline with name gone not found",
    );
    expect(await new RetrainingStore(knex).list(ref)).toEqual([]);
  });

  it('reads cooldowns in seconds, minutes, hours and days', () => {
    expect(parseDuration('45s')).toBe(45_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('12h')).toBe(43_200_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(() => parseDuration('soon', 'cooldown')).toThrow(
      "cooldown must look like 30s, 5m, 12h or 7d, not 'soon'",
    );
  });
});
