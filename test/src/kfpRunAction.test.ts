import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createKfpRunAction } from '@mlops-portal/plugin-scaffolder-backend-module-mlops';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  startMlopsBackendAgainst,
  startSandbox,
} from './__testUtils__/mlopsBackend';

jest.setTimeout(60_000);

/* mlops:kfp:run against the real mlops backend, with the sandbox's Kubeflow Pipelines stand-in behind it. */
describe('mlops:kfp:run', () => {
  let sandbox: Server;
  let sandboxUrl: string;
  let backend: Awaited<ReturnType<typeof startMlopsBackendAgainst>>;
  let action: ReturnType<typeof createKfpRunAction>;
  const pipeline = 'pipeline:default/fraud-detector-training';

  beforeEach(async () => {
    const started = await startSandbox();
    sandbox = started.server;
    sandboxUrl = started.url;
    backend = await startMlopsBackendAgainst(started.url);
    const baseUrl = `http://127.0.0.1:${
      (backend.server.address() as AddressInfo).port
    }/api/mlops`;
    action = createKfpRunAction({
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      auth: mockServices.auth(),
      pollIntervalMs: 200,
    });
  });

  afterEach(async () => {
    await backend.stop();
    await new Promise(resolve => sandbox.close(resolve));
  });

  const run = async (input: Record<string, unknown>, isDryRun = false) => {
    const ctx = { ...createMockActionContext({ input }), isDryRun };
    await action.handler(ctx as any);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  };
  const runsInKubeflow = async () =>
    (
      (await (
        await fetch(`${sandboxUrl}/kfp/apis/v2beta1/runs?page_size=200`)
      ).json()) as any
    ).runs.length;

  it('starts a run with the given parameters as the template user', async () => {
    const before = await runsInKubeflow();
    const output = await run({ entityRef: pipeline, parameters: { eta: 0.3 } });
    expect(output.state).toMatch(/^(PENDING|RUNNING)$/);
    expect(await runsInKubeflow()).toBe(before + 1);
    const stored = (await (
      await fetch(`${sandboxUrl}/kfp/apis/v2beta1/runs/${output.runId}`)
    ).json()) as any;
    expect(stored.runtime_config.parameters).toEqual({ eta: 0.3 });
    expect(stored.description).toBe(
      'Started from the MLOps Portal by user:default/mock',
    );
  });

  it('waits until the run succeeds when asked to', async () => {
    const output = await run({
      entityRef: pipeline,
      parameters: { max_depth: 12 },
      waitForCompletion: true,
    });
    expect(output).toMatchObject({ state: 'SUCCEEDED' });
  });

  it('checks parameter names in a dry run and starts nothing', async () => {
    const before = await runsInKubeflow();
    expect(
      await run({ entityRef: pipeline, parameters: { eta: 0.3 } }, true),
    ).toEqual({
      state: 'would-start',
    });
    await expect(
      run({ entityRef: pipeline, parameters: { learning_rate: 1 } }, true),
    ).rejects.toThrow(`${pipeline} has no parameter learning_rate`);
    expect(await runsInKubeflow()).toBe(before);
  });

  it("fails the step with the backend's reason for wrongly typed parameters", async () => {
    await expect(
      run({ entityRef: pipeline, parameters: { max_depth: 'deep' } }),
    ).rejects.toThrow(
      'mlops backend: Invalid run parameters: max_depth: expected NUMBER_INTEGER, got "deep"',
    );
  });
});
