import { mockCredentials } from '@backstage/backend-test-utils';
import { KfpFake, kfpRouter, seedKfp } from '@mlops-portal/sandbox';
import express from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  AMIRA,
  MALLORY,
  startMlopsBackend,
  trainingPipeline,
} from './__testUtils__/startMlopsBackend';

/* The Pipeline runs routes against the sandbox's Kubeflow Pipelines stand-in over HTTP. */
describe('pipeline runs routes', () => {
  let server: Server;
  let kfp: KfpFake;
  let now: number;
  let backend: Awaited<ReturnType<typeof startMlopsBackend>>;
  const pipeline = trainingPipeline();
  const missing = trainingPipeline('gone');
  const runs =
    '/api/mlops/v1/entities/pipeline/default/fraud-detector-training/runs';

  const start = async (kfpUrl: string) =>
    startMlopsBackend({
      entities: [pipeline, missing],
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
      ['nightly 2026-11-26', 'SUCCEEDED'],
      ['nightly 2026-11-25', 'FAILED'],
      ['nightly 2026-11-24', 'SUCCEEDED'],
    ]);
    expect(res.body.runs[0]).toMatchObject({
      durationSeconds: 43 * 60,
      parameters: { max_depth: 10, eta: 0.1 },
    });
    expect(res.body.runs[0].url).toBe(
      `https://kubeflow.example.com/pipeline/#/runs/details/${res.body.runs[0].id}`,
    );
    expect(res.body.runs[1].error).toBe(
      'train: the container exited with code 1',
    );
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
    expect(list.body.runs).toHaveLength(3);
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
