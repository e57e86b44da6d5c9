import { mockCredentials } from '@backstage/backend-test-utils';
import { createCanaryStartAction } from './canaryStart';
import request from 'supertest';
import { actionHarness } from '../__testUtils__/actionHarness';

jest.setTimeout(60_000);

/*
 * mlops:canary:start against the real mlops backend, with the sandbox's MLflow and Kubernetes stand-ins behind it
 * over HTTP. A person's "promote now" or "abort" through the API ends the rollouts the action waits for.
 */
describe('mlops:canary:start', () => {
  const t = actionHarness(deps =>
    createCanaryStartAction({ ...deps, pollIntervalMs: 50 }),
  );
  const run = t.run;
  const model = 'model:default/fraud-detector';

  const api = () => request(t.backend.server);
  const rollouts = async () =>
    (
      await api()
        .get('/api/mlops/v1/rollouts')
        .query({ entityRef: model })
        .set('Authorization', mockCredentials.user.header())
    ).body.items;
  const whenStarted = async () => {
    for (;;) {
      const [rollout] = await rollouts();
      if (rollout) return rollout.id as string;
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  };
  const control = (id: string, verb: string) =>
    api()
      .post(`/api/mlops/v1/rollouts/${id}/${verb}`)
      .set('Authorization', mockCredentials.user.header())
      .send({ reason: `${verb} from the test` });

  it('in a dry run reports the plan and starts nothing', async () => {
    const output = await run({ entityRef: model, version: '6' }, true);
    expect(output).toEqual({ state: 'would-start', baselineVersion: '4' });
    expect(await rollouts()).toEqual([]);
  });

  it('starts a rollout as the template user and refuses a second one', async () => {
    const output = await run({
      entityRef: model,
      version: '6',
      steps: [
        { weight: 10, durationSeconds: 60 },
        { weight: 100, durationSeconds: 0 },
      ],
    });
    expect(output).toMatchObject({
      state: 'Progressing',
      baselineVersion: '4',
    });
    const [stored] = await rollouts();
    expect(stored).toMatchObject({
      id: output.rolloutId,
      createdBy: 'user:default/mock',
      steps: [{ weight: 10 }, { weight: 100 }],
    });
    await expect(run({ entityRef: model, version: '3' })).rejects.toThrow(
      /ConflictError|already has an active rollout/,
    );
  });

  it('rejects steps that do not end at 100% with the backend reason', async () => {
    await expect(
      run({
        entityRef: model,
        version: '6',
        steps: [{ weight: 50, durationSeconds: 60 }],
      }),
    ).rejects.toThrow(/the last step must give the canary 100%/);
  });

  it('waits until the rollout succeeds, and the alias has moved by then', async () => {
    const running = run({
      entityRef: model,
      version: '6',
      waitForCompletion: true,
    });
    const id = await whenStarted();
    const promoted = await control(id, 'promote');
    expect(promoted.body).toMatchObject({ state: 'Succeeded' });
    expect(await running).toMatchObject({ rolloutId: id, state: 'Succeeded' });
    const registry = await api()
      .get('/api/mlops/v1/entities/model/default/fraud-detector/registry')
      .set('Authorization', mockCredentials.user.header());
    expect(registry.body.aliases).toContainEqual(
      expect.objectContaining({ alias: 'champion', version: '6' }),
    );
  });

  it('fails the task when the rollout ends without success', async () => {
    const running = run({
      entityRef: model,
      version: '6',
      waitForCompletion: true,
    });
    const id = await whenStarted();
    await control(id, 'abort');
    await expect(running).rejects.toThrow(
      new RegExp(`Rollout ${id} ended Aborted: abort from the test`),
    );
  });
});
