import { KfpFake, kfpRouter, seedKfp } from '@mlops-portal/sandbox';
import express from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { KubeflowApiError } from './KubeflowApiError';
import { KubeflowClient } from './KubeflowClient';

/* The client against the sandbox's Kubeflow Pipelines stand-in over HTTP, in the API server's wire format. */
describe('KubeflowClient', () => {
  let server: Server;
  let fake: KfpFake;
  let now: number;
  let client: KubeflowClient;
  let baseUrl: string;
  const headers: Array<Record<string, string | string[] | undefined>> = [];

  beforeEach(async () => {
    now = Date.parse('2026-11-27T10:00:00Z');
    fake = new KfpFake(() => now);
    seedKfp(fake);
    server = express()
      .use((req, _res, next) => {
        headers.push(req.headers);
        next();
      })
      .use('/kfp', kfpRouter(fake))
      .get('/proxy-down/apis/v2beta1/runs/:id', (_req, res) => {
        res.status(502).type('text/html').send('<html>Bad Gateway</html>');
      })
      .listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new KubeflowClient({
      name: 'test',
      baseUrl: `${baseUrl}/kfp`,
      bearerToken: 'sa-token',
    });
  });

  afterEach(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  it('finds a pipeline by name and starts a run of its latest version, which then progresses', async () => {
    const pipeline = await client.getPipelineByName('fraud-detector-training');
    expect(pipeline).toMatchObject({ name: 'fraud-detector-training' });
    const run = await client.createRun({
      display_name: 'retrain',
      pipeline_version_reference: { pipeline_id: pipeline.pipeline_id },
      runtime_config: { parameters: { drift_reason: 'amount drifted' } },
    });
    expect(run).toMatchObject({ display_name: 'retrain', state: 'PENDING' });
    now += 5_000;
    expect((await client.getRun(run.run_id)).state).toBe('RUNNING');
    now += 60_000;
    const done = await client.getRun(run.run_id);
    expect(done.state).toBe('SUCCEEDED');
    expect(done.runtime_config?.parameters).toEqual({
      drift_reason: 'amount drifted',
    });
    expect(headers.at(-1)).toMatchObject({ authorization: 'Bearer sa-token' });
    expect(headers.every(h => h['kubeflow-userid'] === undefined)).toBe(true);
  });

  it('lists runs newest first across pages, and filters by state', async () => {
    for (let i = 0; i < 130; i++) {
      fake.addRun('churn-training', {
        displayName: `r${i}`,
        ageMs: 1000 * (200 - i),
        outcome: 'SUCCEEDED',
        durationMs: 10,
      });
    }
    const all = await client.listRuns();
    // 130 added here, 8 seeded (5 training runs, 3 scoring runs).
    expect(all).toHaveLength(138);
    expect(all[0].display_name).toBe('r129');
    const failed = await client.listRuns({
      filter: {
        predicates: [
          { key: 'state', operation: 'EQUALS', string_value: 'FAILED' },
        ],
      },
    });
    expect(failed.map(r => r.display_name)).toEqual([
      'nightly 2026-11-26',
      'nightly 2026-11-25',
      'nightly 2026-11-24',
    ]);
  });

  it("maps the API server's google.rpc.Status, and non-JSON answers, to errors naming the instance", async () => {
    const missing = await client.getPipelineByName('nope').catch(e => e);
    expect(missing).toBeInstanceOf(KubeflowApiError);
    expect(missing.isNotFound).toBe(true);
    expect(missing.message).toBe(
      "Kubeflow Pipelines instance 'test' getPipelineByName failed: HTTP 404 - Pipeline with name nope not found",
    );
    const invalid = await client
      .createRun({
        display_name: 'x',
        pipeline_version_reference: { pipeline_id: 'p' },
        experiment: 'e',
      } as any)
      .catch(e => e);
    expect(invalid).toMatchObject({ status: 400, grpcCode: 3 });
    expect(invalid.message).toContain('unknown field "experiment"');
    const proxy = new KubeflowClient({
      name: 'test',
      baseUrl: `${baseUrl}/proxy-down`,
    });
    await expect(proxy.getRun('r')).rejects.toThrow(
      "Kubeflow Pipelines instance 'test' getRun failed: HTTP 502 - Bad Gateway",
    );
    const down = new KubeflowClient({
      name: 'test',
      baseUrl: 'http://127.0.0.1:1',
    });
    await expect(down.getRun('r')).rejects.toThrow(
      /^Kubeflow Pipelines instance 'test' getRun failed: unreachable/,
    );
  });
});
