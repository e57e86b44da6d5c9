import { mockCredentials } from '@backstage/backend-test-utils';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import {
  KfpFake,
  kfpRouter,
  localPassthrough,
  MLFLOW_TEST_URL,
  MlflowFake,
  mlflowHandlers,
  seedKfp,
  seedMlflow,
} from '@mlops-portal/sandbox';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import express from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  AMIRA,
  fraudDetectorModel,
  MALLORY,
  startMlopsBackend,
  trainingPipeline,
} from '../__testUtils__/startMlopsBackend';

// MLflow (for the run → model version links) is the sandbox's fake through msw; the KFP stand-in is local.
const mlflow = new MlflowFake();
seedMlflow(mlflow);
const msw = setupServer(localPassthrough, ...mlflowHandlers(mlflow));
registerMswTestHooks(msw);

/* The Pipeline runs routes against the sandbox's Kubeflow Pipelines stand-in over HTTP. */
describe('pipeline runs routes', () => {
  let server: Server;
  let kfp: KfpFake;
  let now: number;
  let backend: Awaited<ReturnType<typeof startMlopsBackend>>;
  // The catalog relates the Pipeline to the Model it trains (the processor's `trains`, from `spec.trainedBy`).
  const pipeline = {
    ...trainingPipeline(),
    relations: [{ type: 'trains', targetRef: 'model:default/fraud-detector' }],
  };
  const missing = trainingPipeline('gone');
  const runs =
    '/api/mlops/v1/entities/pipeline/default/fraud-detector-training/runs';

  const start = async (kfpUrl: string) =>
    startMlopsBackend({
      entities: [pipeline, missing, fraudDetectorModel()],
      mlopsConfig: {
        kubeflow: {
          instances: [
            {
              name: 'default',
              baseUrl: kfpUrl,
              uiUrl: 'https://kubeflow.example.com/pipeline',
              timeoutMs: 1000,
            },
          ],
        },
      },
    });

  beforeEach(async () => {
    now = Date.parse('2026-11-27T10:00:00Z');
    kfp = new KfpFake(() => now);
    seedKfp(kfp);
    server = express().use('/kfp', kfpRouter(kfp)).listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    backend = await start(
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/kfp`,
    );
  });

  afterEach(async () => {
    await backend.stop();
    await new Promise(resolve => server.close(resolve));
  });

  const as = (user: string) => mockCredentials.user.header(user);

  it("lists the pipeline's runs newest first, its schedule and its parameters", async () => {
    const res = await request(backend.server)
      .get(runs)
      .set('Authorization', as(AMIRA));
    expect(res.status).toBe(200);
    expect(res.body.runs.map((r: any) => [r.name, r.state])).toEqual([
      ['nightly 2026-11-26', 'FAILED'],
      ['nightly 2026-11-25', 'FAILED'],
      ['nightly 2026-11-24', 'FAILED'],
      ['retrain 2026-11-13', 'SUCCEEDED'],
    ]);
    expect(res.body.runs[0]).toMatchObject({
      durationSeconds: 43 * 60,
      parameters: { max_depth: 10, eta: 0.1 },
    });
    expect(res.body.runs[0].url).toBe(
      `https://kubeflow.example.com/pipeline/#/runs/details/${res.body.runs[0].id}`,
    );
    // A failed run names the task that failed it and Kubeflow's message, read from the run's task details
    // (the list answer leaves them out, so the backend reads each failed run).
    expect(res.body.runs[1].failedTask).toEqual({
      name: 'Train',
      message:
        'OOMKilled (exit code 137): the container used more than its 8G memory limit',
      podName: expect.stringMatching(/^fraud-detector-training-.*-train$/),
    });
    expect(res.body.runs[0].failedTask).toMatchObject({
      name: 'Validate gate',
      message: 'RuntimeError: Quality gates failed: auc 0.897 < 0.9',
    });
    expect(res.body.runs[3].failedTask).toBeUndefined();
    expect(res.body.recurringRuns).toEqual([
      expect.objectContaining({ schedule: '0 0 3 * * *', enabled: true }),
    ]);
    expect(res.body.parameters).toContainEqual({
      name: 'eta',
      type: 'NUMBER_DOUBLE',
      defaultValue: 0.1,
      optional: true,
    });
  });

  it('starts a run with checked parameters as the user, and it shows up', async () => {
    const res = await request(backend.server)
      .post(runs)
      .set('Authorization', as(AMIRA))
      .send({ parameters: { eta: 0.2, max_depth: 12 } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'PENDING',
      parameters: { eta: 0.2, max_depth: 12 },
    });
    expect(res.body.name).toMatch(/^fraud-detector-training by amira.haddad /);
    now += 60_000;
    const list = await request(backend.server)
      .get(runs)
      .set('Authorization', as(AMIRA));
    expect(list.body.runs[0]).toMatchObject({
      id: res.body.id,
      state: 'SUCCEEDED',
    });
  });

  it('links a run to the model version it registered in MLflow (its kfp_run_id tag)', async () => {
    const res = await request(backend.server)
      .get(runs)
      .set('Authorization', as(AMIRA));
    const retrain = res.body.runs.find(
      (r: any) => r.name === 'retrain 2026-11-13',
    );
    expect(retrain.modelVersions).toEqual([
      {
        modelRef: 'model:default/fraud-detector',
        registeredModel: 'fraud-detector',
        version: '6',
      },
    ]);
    expect(
      res.body.runs.filter((r: any) => r.modelVersions).map((r: any) => r.name),
    ).toEqual(['retrain 2026-11-13']);
    expect(res.body.modelVersionsError).toBeUndefined();

    // MLflow down: the runs still show, without links, and the view says why.
    msw.use(
      http.all(`${MLFLOW_TEST_URL}/*`, () =>
        HttpResponse.text('upstream connect error', { status: 503 }),
      ),
    );
    const degraded = await request(backend.server)
      .get(runs)
      .set('Authorization', as(AMIRA));
    expect(degraded.status).toBe(200);
    expect(degraded.body.runs).toHaveLength(4);
    expect(degraded.body.runs.some((r: any) => r.modelVersions)).toBe(false);
    expect(degraded.body.modelVersionsError).toMatch(/MLflow.*503/);
  });

  it('files runs under an experiment, creating it once, and refuses an unknown pipeline version', async () => {
    const first = await request(backend.server)
      .post(runs)
      .set('Authorization', as(AMIRA))
      .send({ parameters: {}, experiment: 'drift-retraining' });
    const second = await request(backend.server)
      .post(runs)
      .set('Authorization', as(AMIRA))
      .send({ parameters: {}, experiment: 'drift-retraining' });
    expect([first.status, second.status]).toEqual([201, 201]);
    const started = (
      await request(backend.server).get(runs).set('Authorization', as(AMIRA))
    ).body.runs.slice(0, 2);
    // One experiment of that name in Kubeflow, and both runs filed under it.
    const experiments = (
      kfp.handle('GET', '/experiments', new URLSearchParams()).body as {
        experiments?: Array<{ experiment_id: string; display_name: string }>;
      }
    ).experiments!.filter(e => e.display_name === 'drift-retraining');
    expect(experiments).toHaveLength(1);
    expect(started.map((r: any) => r.experimentId)).toEqual([
      experiments[0].experiment_id,
      experiments[0].experiment_id,
    ]);
    const unknownVersion = await request(backend.server)
      .post(runs)
      .set('Authorization', as(AMIRA))
      .send({ parameters: {}, pipelineVersionId: 'no-such-version' });
    expect(unknownVersion.status).toBe(404);
    expect(unknownVersion.body.error.message).toBe(
      "Pipeline version 'no-such-version' not found in Kubeflow instance 'default'",
    );
  });

  it('refuses bad parameters with every problem named, and users without mlops.pipeline.run', async () => {
    const bad = await request(backend.server)
      .post(runs)
      .set('Authorization', as(AMIRA))
      .send({ parameters: { eta: 'fast', max_depth: 2.5, nope: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'Invalid run parameters: eta: expected NUMBER_DOUBLE, got "fast"; max_depth: expected NUMBER_INTEGER, got 2.5; nope: not a parameter of this pipeline',
    );
    const denied = await request(backend.server)
      .post(runs)
      .set('Authorization', as(MALLORY))
      .send({ parameters: {} });
    expect(denied.status).toBe(403);
    const list = await request(backend.server)
      .get(runs)
      .set('Authorization', as(AMIRA));
    expect(list.body.runs).toHaveLength(4);
  });

  it('answers 404 for a pipeline Kubeflow does not have, and 503 naming Kubeflow when it is down', async () => {
    const gone = await request(backend.server)
      .get('/api/mlops/v1/entities/pipeline/default/gone/runs')
      .set('Authorization', as(AMIRA));
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toBe(
      "Kubeflow pipeline 'gone' not found in instance 'default'",
    );
    await backend.stop();
    backend = await start('http://127.0.0.1:1/kfp');
    const down = await request(backend.server)
      .get(runs)
      .set('Authorization', as(AMIRA));
    expect(down.status).toBe(503);
    expect(down.body.error.message).toMatch(
      /^Kubeflow Pipelines instance 'default' getPipelineByName failed: unreachable/,
    );
  });
});
