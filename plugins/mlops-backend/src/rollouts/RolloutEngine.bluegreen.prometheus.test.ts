import { mockCredentials } from '@backstage/backend-test-utils';
import {
  quickRollout,
  RolloutTestbed,
  startRolloutTestbed,
} from '../__testUtils__/rolloutTestbed';
import { ROLLOUT_MEASUREMENTS } from '@mlops-portal/plugin-mlops-common';

jest.setTimeout(120_000);

/*
 * Whole blue-green rollouts on the sandbox: green (v6) is deployed beside blue (v4) at 0%, the sandbox's
 * operator stand-in reports it ready a couple of seconds later through the SeldonDeployment's status, the engine
 * switches all traffic at once, keeps blue warm, and either finishes (alias moved, blue scaled down) or switches
 * back. Real Prometheus measures green after the switch. Each tick runs on a new engine (a backend restart).
 */
const user = mockCredentials.user('user:default/amira.haddad');
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('blue-green rollouts end to end', () => {
  let t: RolloutTestbed;
  /** The Model's `spec.serving` for the next testbed, when not the default. */
  let serving: Record<string, unknown> | undefined;

  beforeEach(async () => {
    t = await startRolloutTestbed({ serving });
  });

  afterEach(async () => {
    await t?.stop();
  });

  const startBlueGreen = (warmSeconds = 3, readinessTimeoutSeconds = 30) =>
    t.service.start(
      {
        entityRef: 'model:default/fraud-detector',
        version: '6',
        strategy: 'bluegreen',
        blueGreen: { warmSeconds, readinessTimeoutSeconds },
        analysis: quickRollout.analysis,
      },
      user,
    );
  const settle = (id: string) => t.runUntilSettled(id, () => [t.makeEngine()]);
  /** Ticks until green has been switched to (step 2 set up); the traffic seen on the way. */
  const untilSwitched = async (id: string) => {
    const seen: string[] = [];
    for (let i = 0; i < 80; i++) {
      await t.makeEngine().tick();
      const split = (await t.predictors())
        .map((p: any) => `${p.name}:${p.traffic}`)
        .join(' ');
      if (seen[seen.length - 1] !== split) seen.push(split);
      const rollout = (await t.store.get(id))!;
      if (rollout.stepIndex === 1 && rollout.stepStartedAt) {
        return seen;
      }
      await sleep(250);
    }
    throw new Error('never switched');
  };

  it('waits for green to be ready, switches all traffic at once, keeps blue warm, then finishes', async () => {
    const started = await startBlueGreen();
    expect(started.steps).toEqual([
      { weight: 0, durationSeconds: 0 },
      { weight: 100, durationSeconds: 3 },
    ]);
    // Blue keeps all traffic until green is ready; then it is 0/100 in one write, never anything between.
    expect(await untilSwitched(started.id)).toEqual([
      'stable:100 canary:0',
      'stable:0 canary:100',
    ]);
    const readiness = (await t.store.events(started.id)).filter(
      e =>
        e.type === 'measurement' && e.metric === ROLLOUT_MEASUREMENTS.readiness,
    ) as Array<{ phase: string; message?: string }>;
    expect(readiness[0]).toMatchObject({ phase: 'Inconclusive' });
    expect(readiness[readiness.length - 1]).toMatchObject({
      phase: 'Successful',
      message: 'the canary predictor of fraud/fraud-detector is available',
    });
    // Blue is still deployed (warm) while green serves, and champion has not moved yet.
    const warm = await t.predictors();
    expect(warm.find((p: any) => p.name === 'stable').version).toBe('4');
    expect(await t.champion()).toBe('4');

    const done = await settle(started.id);
    expect(done.state).toBe('Succeeded');
    expect(await t.champion()).toBe('6');
    // Blue scaled down: one predictor left, serving v6.
    expect(await t.predictors()).toEqual([
      { name: 'stable', traffic: 100, shadow: undefined, version: '6' },
    ]);
  });

  it('switches back to blue when green fails its analysis after the switch', async () => {
    await t.control('/model-metrics/canary', { healthy: false });
    const started = await startBlueGreen(60);
    await untilSwitched(started.id);
    const done = await settle(started.id);
    expect(done.state).toBe('RolledBack');
    expect(done.stateReason).toMatch(
      /^analysis (error-rate|p99-latency) failed at step 2; switched back: blue v4 has 100%$/,
    );
    expect((await t.predictors()).map((p: any) => [p.name, p.traffic])).toEqual(
      [
        ['stable', 100],
        ['canary', 0],
      ],
    );
    expect(await t.champion()).toBe('4');
  });

  it('lets a person switch back instantly during the warm period', async () => {
    const started = await startBlueGreen(600);
    await untilSwitched(started.id);
    const back = await t.service.control(
      started.id,
      'abort',
      'support tickets',
      user,
    );
    expect(back.state).toBe('Aborted');
    expect(back.stateReason).toBe(
      'support tickets; switched back: blue v4 has 100%',
    );
    expect(
      (await t.predictors()).map((p: any) => [p.name, p.traffic, p.version]),
    ).toEqual([
      ['stable', 100, '4'],
      ['canary', 0, '6'],
    ]);
  });

  it('gives up when green never becomes ready, without moving any traffic', async () => {
    await t.control('/model-metrics/readiness', { unreadyVersions: ['6'] });
    const started = await startBlueGreen(3, 4);
    const done = await settle(started.id);
    expect(done.state).toBe('RolledBack');
    expect(done.stateReason).toMatch(
      /^green v6 did not become ready in 4 s \(canary deployment fraud-detector-canary-0-\S+ has 0\/\d+ replicas available\); green at 0%$/,
    );
    const traffic = (await t.store.events(started.id)).filter(
      e => e.type === 'transition' && e.weight !== undefined,
    ) as Array<{ weight?: number }>;
    expect(traffic.map(e => e.weight)).toEqual([0]);
    expect(await t.champion()).toBe('4');
  });

  describe('with the smoke requests the Model names', () => {
    const knownFraud = {
      name: 'known-fraud',
      path: '/v2/models/classifier/infer',
      body: {
        inputs: [
          {
            name: 'features',
            shape: [2, 4],
            datatype: 'FP64',
            data: [950, 3, 0.82, 1, 12, 0, 0.1, 0],
          },
        ],
      },
    };
    beforeAll(() => {
      serving = {
        platform: 'seldon',
        cluster: 'sandbox',
        namespace: 'fraud',
        resourceName: 'fraud-detector',
        smokeRequests: [knownFraud],
      };
    });

    afterAll(() => {
      serving = undefined;
    });

    it('sends them to green through the service proxy before switching', async () => {
      const started = await startBlueGreen(600);
      expect(started.blueGreen?.smokeRequests).toEqual([knownFraud]);
      await untilSwitched(started.id);
      const events = await t.store.events(started.id);
      expect(
        events.find(
          e => e.type === 'measurement' && e.metric === 'smoke:known-fraud',
        ),
      ).toMatchObject({ phase: 'Successful', value: 200 });
      expect(
        events.some(
          e =>
            e.type === 'transition' &&
            /^green v6 is ready and passed 1 smoke request\(s\): /.test(
              e.reason,
            ),
        ),
      ).toBe(true);
    });

    it('never switches to a green that fails one', async () => {
      await t.control('/model-metrics/readiness', { erroringVersions: ['6'] });
      const started = await startBlueGreen(600);
      const done = await settle(started.id);
      expect(done.state).toBe('RolledBack');
      expect(done.stateReason).toMatch(
        /^green v6 failed its smoke request 'known-fraud' \(500 instead of 200: \{"error":"classifier: could not load the model's artifacts"\}\); green at 0%$/,
      );
      const traffic = (await t.store.events(started.id)).filter(
        e => e.type === 'transition' && e.weight !== undefined,
      ) as Array<{ weight?: number }>;
      expect(traffic.map(e => e.weight)).toEqual([0]);
    });
  });
});
