import { createKfpRunAction } from './kfpRun';
import { actionHarness } from '../__testUtils__/actionHarness';

jest.setTimeout(60_000);

/* mlops:kfp:run against the real mlops backend, with the sandbox's Kubeflow Pipelines stand-in behind it. */
describe('mlops:kfp:run', () => {
  const t = actionHarness(deps =>
    createKfpRunAction({ ...deps, pollIntervalMs: 200 }),
  );
  const run = t.run;
  const pipeline = 'pipeline:default/fraud-detector-training';

  const runsInKubeflow = async () =>
    (
      (await (
        await fetch(`${t.sandboxUrl}/kfp/apis/v2beta1/runs?page_size=200`)
      ).json()) as any
    ).runs.length;

  it('starts a run with the given parameters as the template user', async () => {
    const before = await runsInKubeflow();
    const output = await run({ entityRef: pipeline, parameters: { eta: 0.3 } });
    expect(output.state).toMatch(/^(PENDING|RUNNING)$/);
    expect(await runsInKubeflow()).toBe(before + 1);
    const stored = (await (
      await fetch(`${t.sandboxUrl}/kfp/apis/v2beta1/runs/${output.runId}`)
    ).json()) as any;
    expect(stored.runtime_config.parameters).toEqual({ eta: 0.3 });
    expect(stored.description).toBe(
      'Started from the MLOps Portal by user:default/mock',
    );
  });

  it('files the run under the named Kubeflow experiment, creating it once', async () => {
    const first = await run({
      entityRef: pipeline,
      experiment: 'template-runs',
    });
    const second = await run({
      entityRef: pipeline,
      experiment: 'template-runs',
    });
    const read = async (id: string) =>
      (await (
        await fetch(`${t.sandboxUrl}/kfp/apis/v2beta1/runs/${id}`)
      ).json()) as any;
    const [a, b] = [await read(first.runId), await read(second.runId)];
    expect(a.experiment_id).toEqual(expect.any(String));
    expect(b.experiment_id).toBe(a.experiment_id);
    const experiments = (await (
      await fetch(`${t.sandboxUrl}/kfp/apis/v2beta1/experiments`)
    ).json()) as any;
    expect(
      experiments.experiments.filter(
        (e: any) => e.display_name === 'template-runs',
      ),
    ).toHaveLength(1);
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
