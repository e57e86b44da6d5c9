import { mockCredentials } from '@backstage/backend-test-utils';
import {
  quickRollout as quick,
  RolloutTestbed,
  startRolloutTestbed,
} from '../__testUtils__/rolloutTestbed';

jest.setTimeout(120_000);

/*
 * Whole canary rollouts: the engine shifts traffic on the sandbox's SeldonDeployment through the real
 * @kubernetes/client-node, a real Prometheus scrapes the sandbox's Seldon metrics, and the registry alias moves
 * in the sandbox's MLflow. Steps and analysis are shortened to seconds.
 */
const user = mockCredentials.user('user:default/amira.haddad');

describe('canary rollouts end to end', () => {
  let t: RolloutTestbed;
  let service: RolloutTestbed['service'];
  let store: RolloutTestbed['store'];
  let makeEngine: RolloutTestbed['makeEngine'];
  let sandboxUrl: string;

  beforeEach(async () => {
    t = await startRolloutTestbed();
    ({ service, store, makeEngine, sandboxUrl } = t);
  });

  afterEach(async () => {
    await t?.stop();
  });

  const runUntilSettled = (id: string, engine: typeof makeEngine) =>
    t.runUntilSettled(id, () => [engine()]);
  const seldon = () => t.seldon();
  const champion = () => t.champion();

  it('takes a healthy canary through every step, survives an engine restart, and moves champion', async () => {
    const started = await service.start(
      { entityRef: 'model:default/fraud-detector', version: '6', ...quick },
      user,
    );
    expect(started).toMatchObject({
      state: 'Progressing',
      baselineVersion: '4',
      stepIndex: 0,
    });

    // The first engine sets step 1's weight; a new engine (a restarted backend) carries on from the store.
    await makeEngine().tick();
    expect(
      (await seldon()).spec.predictors.map((p: any) => [p.name, p.traffic]),
    ).toEqual([
      ['stable', 75],
      ['canary', 25],
    ]);
    const done = await runUntilSettled(started.id, makeEngine);
    expect({ state: done.state, reason: done.stateReason }).toEqual({
      state: 'Succeeded',
      reason: 'all steps passed their analysis',
    });
    expect((await seldon()).spec.predictors).toEqual([
      expect.objectContaining({
        name: 'stable',
        traffic: 100,
        labels: { 'mlops.backstage.io/model-version': '6' },
      }),
    ]);
    expect(await champion()).toBe('6');
    const events = await store.events(started.id);
    expect(
      events
        .filter(e => e.type === 'measurement')
        .every(e => e.type === 'measurement' && e.phase === 'Successful'),
    ).toBe(true);
    expect(
      events.filter(e => e.type === 'measurement').length,
    ).toBeGreaterThanOrEqual(8);
  });

  it('rolls a failing canary back within its analysis, leaving champion alone', async () => {
    await fetch(`${sandboxUrl}/model-metrics/canary`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ healthy: false }),
    });
    const started = await service.start(
      { entityRef: 'model:default/fraud-detector', version: '6', ...quick },
      user,
    );
    const done = await runUntilSettled(started.id, makeEngine);
    expect(done).toMatchObject({ state: 'RolledBack', stepIndex: 0 });
    expect(done.stateReason).toMatch(
      /analysis (error-rate|p99-latency) failed at step 1; canary at 0%/,
    );
    expect(
      (await seldon()).spec.predictors.map((p: any) => [p.name, p.traffic]),
    ).toEqual([
      ['stable', 100],
      ['canary', 0],
    ]);
    expect(await champion()).toBe('4');
  });

  it('pauses, never promotes, when Prometheus cannot be reached', async () => {
    const started = await service.start(
      { entityRef: 'model:default/fraud-detector', version: '6', ...quick },
      user,
    );
    await makeEngine().tick();
    await t.prometheus.stop();
    const done = await runUntilSettled(started.id, makeEngine);
    expect(done.state).toBe('Paused');
    expect(done.stateReason).toMatch(/is error; a person must decide/);
    expect(await champion()).toBe('4');
  });

  it('allows one active rollout per model', async () => {
    await service.start(
      { entityRef: 'model:default/fraud-detector', version: '6', ...quick },
      user,
    );
    await expect(
      service.start(
        { entityRef: 'model:default/fraud-detector', version: '3', ...quick },
        user,
      ),
    ).rejects.toMatchObject({ name: 'ConflictError' });
  });
});
