import { mockCredentials } from '@backstage/backend-test-utils';
import { ROLLOUT_CLAIM_KEY } from '@mlops-portal/plugin-mlops-node';
import { startFlakyClusterProxy } from '../__testUtils__/flakyClusterProxy';
import {
  quickRollout,
  RolloutTestbed,
  startRolloutTestbed,
} from '../__testUtils__/rolloutTestbed';

jest.setTimeout(60_000);

/*
 * A traffic write the cluster never answered is neither done nor failed: the engine reads the live object back
 * (confirmTrafficWrite). The cluster sits behind a proxy that loses answers or drops requests like a broken
 * network, so @kubernetes/client-node and the request timeout are exercised for real.
 */
describe('rollout traffic writes the cluster did not confirm', () => {
  let t: RolloutTestbed;
  let proxy: Awaited<ReturnType<typeof startFlakyClusterProxy>>;
  let sandbox = '';
  const user = mockCredentials.user('user:default/amira.haddad');

  beforeEach(async () => {
    proxy = await startFlakyClusterProxy(() => `${sandbox}/kubernetes`);
    t = await startRolloutTestbed({
      kubernetesUrl: sandboxUrl => {
        sandbox = sandboxUrl;
        return proxy.url;
      },
    });
  });

  afterEach(async () => {
    await t?.stop();
    await proxy?.close();
  });

  const start = () =>
    t.service.start(
      {
        entityRef: 'model:default/fraud-detector',
        version: '6',
        ...quickRollout,
      },
      user,
    );
  const claimOnObject = async () =>
    (await t.seldon()).metadata.annotations?.[ROLLOUT_CLAIM_KEY];

  it('starts the step when reading back shows the unanswered write landed', async () => {
    const started = await start();
    proxy.setMode('lose-write-answers');
    await t.makeEngine().tick();
    proxy.setMode('pass');
    const rollout = await t.store.get(started.id);
    expect(rollout).toMatchObject({ state: 'Progressing', stepIndex: 0 });
    expect(rollout!.stepStartedAt).toBeDefined();
    expect((await t.predictors()).map((p: any) => p.traffic)).toEqual([75, 25]);
    expect(JSON.parse((await claimOnObject())!).rollout).toBe(started.id);
  });

  it('neither starts nor fails a step whose write did not land, and starts it once a write is answered', async () => {
    const started = await start();
    proxy.setMode('drop-writes');
    await t.makeEngine().tick();
    const waiting = await t.store.get(started.id);
    expect(waiting).toMatchObject({ state: 'Progressing', stepIndex: 0 });
    expect(waiting!.stepStartedAt).toBeUndefined();
    expect(waiting!.stateReason).toMatch(
      /^step 1 not started yet: The cluster did not confirm the write of seldondeployments fraud\/fraud-detector .*; read back, it has not: stable v4 100%.*; trying again$/,
    );
    expect(await claimOnObject()).toBeUndefined();

    proxy.setMode('pass');
    const running = await t.runUntil(
      started.id,
      r => Boolean(r.stepStartedAt),
      () => [t.makeEngine()],
    );
    expect(running.state).toBe('Progressing');
    expect((await t.predictors()).map((p: any) => p.traffic)).toEqual([75, 25]);
  });

  it('pauses an abort the cluster did not confirm, keeping the claim, and finishes it when asked again', async () => {
    const started = await start();
    await t.runUntil(
      started.id,
      r => Boolean(r.stepStartedAt),
      () => [t.makeEngine()],
    );
    // The API server freezes as the write arrives: the write and the read-back both run into the 2 s timeout.
    proxy.setMode('freeze-on-write');
    const paused = await t.service.control(
      started.id,
      'abort',
      'bad idea',
      user,
    );
    expect(paused.state).toBe('Paused');
    expect(paused.stateReason).toMatch(
      /^bad idea; taking the candidate out is unconfirmed: The cluster did not confirm the write of seldondeployments fraud\/fraud-detector \(.*aborted.*\); it may or may not have landed, and reading it back failed too \(.*\): the live split is unknown\. The rollout keeps its claim; Abort again once the cluster answers$/,
    );

    proxy.setMode('pass');
    expect(JSON.parse((await claimOnObject())!).rollout).toBe(started.id);
    const aborted = await t.service.control(started.id, 'abort', 'again', user);
    expect(aborted.state).toBe('Aborted');
    expect((await t.predictors()).map((p: any) => p.traffic)).toEqual([100, 0]);
    expect(await claimOnObject()).toBeUndefined();
  });
});
