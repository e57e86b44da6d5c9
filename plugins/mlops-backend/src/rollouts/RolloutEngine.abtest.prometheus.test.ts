import { mockCredentials } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  quickRollout,
  RolloutTestbed,
  startRolloutTestbed,
} from '../__testUtils__/rolloutTestbed';
import { ROLLOUT_MEASUREMENTS } from '@mlops-portal/plugin-mlops-common';

jest.setTimeout(120_000);

/*
 * Whole A/B tests: the engine holds a 50/50 split on the sandbox's SeldonDeployment, a real Prometheus scrapes
 * the sandbox's outcome counters (success rates set per predictor), and the verdict comes only once both arms
 * reached the planned sample. Baseline 10% and an effect of 15 points plan 100 trials per arm: a few seconds of
 * the sandbox's traffic.
 */
const user = mockCredentials.user('user:default/amira.haddad');

describe('A/B test rollouts end to end', () => {
  let t: RolloutTestbed;

  beforeEach(async () => {
    t = await startRolloutTestbed();
  });

  afterEach(async () => {
    await t?.stop();
  });

  const startAbTest = async (
    rates: { stable: number; canary: number },
    alias?: string,
    plan: {
      minimumDetectableEffect?: number;
      maxDurationSeconds?: number;
    } = {},
  ) => {
    const set = await fetch(`${t.sandboxUrl}/model-metrics/outcomes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(rates),
    });
    expect(set.status).toBe(200);
    return t.service.start(
      {
        entityRef: 'model:default/fraud-detector',
        version: '6',
        alias,
        strategy: 'abtest',
        abTest: {
          baselineRate: 0.1,
          minimumDetectableEffect: 0.15,
          intervalSeconds: 1,
          ...plan,
        },
        analysis: quickRollout.analysis,
      },
      user,
    );
  };
  const settle = (id: string) => t.runUntilSettled(id, () => [t.makeEngine()]);
  const looks = async (id: string) =>
    (await t.store.events(id)).filter(
      e =>
        e.type === 'measurement' && e.metric === ROLLOUT_MEASUREMENTS.abTrials,
    ) as Array<{ value?: number; stableValue?: number; phase: string }>;

  it('holds the split, gives no verdict before the planned sample, then promotes a better candidate', async () => {
    // production is not a protected alias (only champion is): the verdict moves it at once.
    const started = await startAbTest(
      { stable: 0.1, canary: 0.35 },
      'production',
    );
    expect(started.abTest?.plannedPerArm).toBe(100);
    await t.makeEngine().tick();
    expect(
      (await t.seldon()).spec.predictors.map((p: any) => [p.name, p.traffic]),
    ).toEqual([
      ['stable', 50],
      ['canary', 50],
    ]);
    const done = await settle(started.id);
    expect(done.state).toBe('Succeeded');
    expect(done.stateReason).toMatch(
      /^A\/B test: The candidate does better \(\d+\.\d+% vs \d+\.\d+%, p = /,
    );
    expect((await t.aliases()).production).toBe('6');
    expect(await t.champion()).toBe('4');
    // Every look before the last one saw fewer than the planned trials in some arm, and the last one did not.
    const counted = (await looks(started.id)).filter(
      l => l.phase === 'Successful',
    );
    expect(counted.length).toBeGreaterThanOrEqual(2);
    const reached = (l: { value?: number; stableValue?: number }) =>
      Math.min(l.value ?? 0, l.stableValue ?? 0) >= 100;
    expect(counted.slice(0, -1).some(reached)).toBe(false);
    expect(reached(counted[counted.length - 1])).toBe(true);
  });

  it('asks a second person to approve promoting a protected alias, holding the split until they decide', async () => {
    const started = await startAbTest({ stable: 0.1, canary: 0.35 });
    const waiting = await t.runUntil(
      started.id,
      r => Boolean(r.pendingPromotionId) || r.state !== 'Progressing',
      () => [t.makeEngine()],
    );
    expect(waiting.state).toBe('Progressing');
    const pending = await t.promotionStore.get(waiting.pendingPromotionId!);
    expect(pending).toMatchObject({
      state: 'pending_approval',
      alias: 'champion',
      fromVersion: '4',
      toVersion: '6',
      requestedBy: 'user:default/amira.haddad',
    });
    // Nothing moved while it waits, and a person cannot skip the approval with "promote now".
    await t.makeEngine().tick();
    expect(await t.champion()).toBe('4');
    expect((await t.predictors()).map((p: any) => p.traffic)).toEqual([50, 50]);
    await expect(
      t.service.control(started.id, 'promote', 'skip it', user),
    ).rejects.toThrow(/waits for the approval of promotion/);
    // The requester may not approve her own request (403); someone else may.
    const own = t.approvals.approve(pending!.id, { comment: 'mine' }, user);
    await expect(own).rejects.toBeInstanceOf(NotAllowedError);
    await expect(own).rejects.toThrow(
      'A request must be approved or rejected by someone other than its requester',
    );
    expect(await t.promotionStore.get(pending!.id)).toMatchObject({
      state: 'pending_approval',
    });
    await t.approvals.approve(
      pending!.id,
      { comment: 'conversion up, checked' },
      mockCredentials.user('user:default/jonas.berg'),
    );
    const done = await settle(started.id);
    expect(done.state).toBe('Succeeded');
    expect(done.stateReason).toBe(
      `A/B test: promotion ${pending!.id} approved by user:default/jonas.berg`,
    );
    expect(await t.champion()).toBe('6');
    expect((await t.predictors()).map((p: any) => [p.name, p.traffic])).toEqual(
      [['stable', 100]],
    );
  });

  it('withdraws its pending promotion when the A/B test is aborted', async () => {
    const started = await startAbTest({ stable: 0.1, canary: 0.35 });
    const waiting = await t.runUntil(
      started.id,
      r => Boolean(r.pendingPromotionId) || r.state !== 'Progressing',
      () => [t.makeEngine()],
    );
    expect(waiting.pendingPromotionId).toBeDefined();

    const aborted = await t.service.control(
      started.id,
      'abort',
      'marketing freeze',
      user,
    );
    expect(aborted.state).toBe('Aborted');
    expect(
      await t.promotionStore.get(waiting.pendingPromotionId!),
    ).toMatchObject({
      state: 'rejected',
      decidedBy: 'user:default/amira.haddad',
      decisionComment: 'withdrawn with its rollout: marketing freeze',
    });
    expect(await t.champion()).toBe('4');
    // Withdrawn, it can no longer be approved into a move nobody is rolling out.
    await expect(
      t.approvals.approve(
        waiting.pendingPromotionId!,
        { comment: 'late' },
        mockCredentials.user('user:default/jonas.berg'),
      ),
    ).rejects.toThrow(/is rejected, not pending approval/);
    expect(await t.champion()).toBe('4');
  });

  it('pauses for a person when the planned sample is not reached within maxDurationSeconds', async () => {
    // An effect of 1 point plans thousands of trials per arm: far more than the sandbox serves in a minute.
    const started = await startAbTest({ stable: 0.1, canary: 0.1 }, undefined, {
      minimumDetectableEffect: 0.01,
      maxDurationSeconds: 60,
    });
    const planned = started.abTest!.plannedPerArm;
    expect(planned).toBeGreaterThan(5000);
    let offset = 0;
    const engine = () =>
      t.makeEngine(undefined, undefined, () => Date.now() + offset);
    // In real time until the guardrail analysis is complete and the test has counted trials at least once, so
    // that after the jump only the A/B look (and its deadline) is due.
    const analysed = (events: Awaited<ReturnType<typeof t.store.events>>) =>
      started.analysisMetrics.every(
        m =>
          events.filter(
            e =>
              e.type === 'measurement' &&
              e.metric === m.name &&
              e.phase === 'Successful',
          ).length >= m.count,
      );
    let counted = false;
    for (let i = 0; i < 80 && !counted; i++) {
      await engine().tick();
      const rollout = (await t.store.get(started.id))!;
      expect(rollout.state).toBe('Progressing');
      const trialLooks = (await looks(started.id)).filter(
        l => l.phase === 'Successful' && (l.value ?? 0) > 0,
      );
      counted =
        trialLooks.length > 0 && analysed(await t.store.events(started.id));
      await new Promise(r => setTimeout(r, 250));
    }
    expect(counted).toBe(true);
    const stepStartedAt = Date.parse(
      (await t.store.get(started.id))!.stepStartedAt!,
    );

    // Past the deadline (61 s after the step began), without waiting for it.
    offset = stepStartedAt + 61_000 - Date.now();
    await engine().tick();
    const paused = (await t.store.get(started.id))!;
    expect(paused.state).toBe('Paused');
    expect(paused.stateReason).toBe(
      `A/B test: the planned sample (${planned} per arm) was not reached in 60 s; a person must decide`,
    );
    const [last] = (await looks(started.id)).slice(-1);
    expect(Math.min(last.value ?? 0, last.stableValue ?? 0)).toBeLessThan(
      planned,
    );
    expect(await t.champion()).toBe('4');
  });

  it('rolls back when the promotion is rejected', async () => {
    const started = await startAbTest({ stable: 0.1, canary: 0.35 });
    const waiting = await t.runUntil(
      started.id,
      r => Boolean(r.pendingPromotionId) || r.state !== 'Progressing',
      () => [t.makeEngine()],
    );
    await t.approvals.reject(
      waiting.pendingPromotionId!,
      { comment: 'fraud team wants a shadow first' },
      mockCredentials.user('user:default/jonas.berg'),
    );
    const done = await settle(started.id);
    expect(done.state).toBe('RolledBack');
    expect(done.stateReason).toMatch(
      /^A\/B test: promotion \S+ was rejected by user:default\/jonas.berg \(fraud team wants a shadow first\); canary at 0%$/,
    );
    expect(await t.champion()).toBe('4');
  });

  it('rolls a worse candidate back, leaving champion alone', async () => {
    const started = await startAbTest({ stable: 0.3, canary: 0.02 });
    const done = await settle(started.id);
    expect(done.state).toBe('RolledBack');
    expect(done.stateReason).toMatch(/^A\/B test: The candidate does worse/);
    expect(await t.champion()).toBe('4');
    expect(
      (await t.seldon()).spec.predictors.map((p: any) => [p.name, p.traffic]),
    ).toEqual([
      ['stable', 100],
      ['canary', 0],
    ]);
  });

  it('pauses for a person when the arms do not differ significantly', async () => {
    const started = await startAbTest({ stable: 0.1, canary: 0.1 });
    const done = await settle(started.id);
    expect(done.state).toBe('Paused');
    expect(done.stateReason).toMatch(
      /^A\/B test: No significant difference at α = 0.05 .*; promote or abort$/,
    );
    expect(await t.champion()).toBe('4');
  });
});
