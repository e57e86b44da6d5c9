import { mockCredentials } from '@backstage/backend-test-utils';
import {
  quickRollout,
  RolloutTestbed,
  startRolloutTestbed,
} from '../__testUtils__/rolloutTestbed';
import { PREDICTION_SHARES } from '@mlops-portal/sandbox';
import { ROLLOUT_MEASUREMENTS } from '@mlops-portal/plugin-mlops-common';

jest.setTimeout(120_000);

/*
 * Whole shadow rollouts: the engine adds a `shadow: true` predictor to the sandbox's SeldonDeployment, the
 * sandbox mirrors every request to it (answers discarded) and exports both predictors' latency, errors and
 * predicted-score histograms, and a real Prometheus scrapes them. Each tick runs on a new engine, as after a
 * backend restart, so every look resumes from the stored rollout.
 */
const user = mockCredentials.user('user:default/amira.haddad');

describe('shadow rollouts end to end', () => {
  let t: RolloutTestbed;

  beforeEach(async () => {
    t = await startRolloutTestbed();
  });

  afterEach(async () => {
    await t?.stop();
  });

  const startShadow = () =>
    t.service.start(
      {
        entityRef: 'model:default/fraud-detector',
        version: '6',
        strategy: 'shadow',
        shadow: {
          durationSeconds: 10,
          intervalSeconds: 1,
          minPredictions: 100,
        },
        analysis: quickRollout.analysis,
      },
      user,
    );
  const settle = (id: string) => t.runUntilSettled(id, () => [t.makeEngine()]);
  const comparisons = async (id: string, metric: string) =>
    (await t.store.events(id)).filter(
      e => e.type === 'measurement' && e.metric === metric,
    ) as Array<{ phase: string; value?: number }>;

  it('mirrors traffic to the candidate, names it with the shadow alias, and passes when it predicts alike', async () => {
    const started = await startShadow();
    expect(started).toMatchObject({
      strategy: 'shadow',
      alias: 'shadow',
      baselineVersion: '4',
      shadow: { maxPsi: 0.1, maxJensenShannon: 0.1 },
    });
    await t.makeEngine().tick();
    expect(await t.predictors()).toEqual([
      { name: 'stable', traffic: 100, shadow: undefined, version: '4' },
      { name: 'shadow', traffic: undefined, shadow: true, version: '6' },
    ]);
    expect(await t.aliases()).toMatchObject({ champion: '4', shadow: '6' });

    const done = await settle(started.id);
    expect(done.state).toBe('Succeeded');
    expect(done.stateReason).toMatch(
      /^shadow passed: .*predictions alike \(PSI 0\.0\d\d, Jensen–Shannon 0\.0\d\d over \d+ shadow and \d+ stable predictions\); v6 is ready for a canary or blue-green; shadow removed, alias 'shadow' cleared$/,
    );
    // Nothing served users: champion stays, the shadow and its alias are gone.
    expect(await t.predictors()).toEqual([
      { name: 'stable', traffic: 100, shadow: undefined, version: '4' },
    ]);
    const aliases = await t.aliases();
    expect(aliases.champion).toBe('4');
    expect(aliases.shadow).toBeUndefined();
    const psi = (
      await comparisons(started.id, ROLLOUT_MEASUREMENTS.predictionPsi)
    ).filter(m => m.value !== undefined);
    expect(psi.length).toBeGreaterThanOrEqual(2);
    // Looks at fewer than minPredictions show figures but judge nothing; every judged look passed.
    const judged = psi.filter(m => m.phase !== 'Inconclusive');
    expect(judged.length).toBeGreaterThanOrEqual(1);
    expect(judged.every(m => m.phase === 'Successful' && m.value! < 0.1)).toBe(
      true,
    );
    expect(
      (await comparisons(started.id, ROLLOUT_MEASUREMENTS.predictionJs))
        .filter(m => m.phase !== 'Inconclusive')
        .every(m => m.phase === 'Successful'),
    ).toBe(true);
  });

  it('fails a candidate whose predictions are distributed unlike stable', async () => {
    await t.control('/model-metrics/predictions', { candidate: 'shifted' });
    const started = await startShadow();
    const done = await settle(started.id);
    expect(done.state).toBe('RolledBack');
    expect(done.stateReason).toMatch(
      /^shadow: v6 predicts unlike stable \(PSI \d\.\d{3}, Jensen–Shannon 0\.\d{3} over \d+ shadow and \d+ stable predictions; limits 0\.1 and 0\.1\); shadow removed, alias 'shadow' cleared$/,
    );
    // The measured PSI is the one of the simulated score distributions, up to the counts' rounding. Worked out
    // here, not with the psi() under test: Σ (shifted − stable) · ln(shifted / stable) over the ten score bins
    // (no bin is empty, so nothing is smoothed) = 0.2122 + 0.1649 + 0.0144 + 0.0124 + 0.0678 + 0.1248 + 0.1288
    // + 0.1168 + 0.0728 + 0.0448 = 0.9595.
    const expected = 0.9595;
    const byHand = PREDICTION_SHARES.stable.reduce((total, stable, i) => {
      const shifted = PREDICTION_SHARES.shifted[i];
      return total + (shifted - stable) * Math.log(shifted / stable);
    }, 0);
    expect(byHand).toBeCloseTo(expected, 4);
    const last = (
      await comparisons(started.id, ROLLOUT_MEASUREMENTS.predictionPsi)
    ).pop()!;
    expect(last.phase).toBe('Failed');
    expect(Math.abs(last.value! - expected)).toBeLessThan(0.1);
    expect((await t.predictors()).map((p: { name: string }) => p.name)).toEqual(
      ['stable'],
    );
    expect((await t.aliases()).shadow).toBeUndefined();
  });

  it('ends early when the shadow answers slowly or with errors', async () => {
    await t.control('/model-metrics/canary', { healthy: false });
    const started = await startShadow();
    const done = await settle(started.id);
    expect(done.state).toBe('RolledBack');
    expect(done.stateReason).toMatch(
      /^analysis (error-rate|p99-latency) failed at step 1; shadow removed/,
    );
    expect(await t.champion()).toBe('4');
  });

  it('fails without leaving a shadow behind when the shadow alias cannot be set', async () => {
    // Someone's request for the `shadow` alias is open, so the registry refuses the rollout's move.
    await t.promotionStore.insertLocked({
      id: 'open-request',
      entityRef: 'model:default/fraud-detector',
      instance: 'default',
      registeredModel: 'fraud-detector',
      action: 'promote',
      alias: 'shadow',
      toVersion: '3',
      reason: 'manual',
      state: 'pending_approval',
      requestedBy: 'user:default/jonas.berg',
      requestedAt: new Date().toISOString(),
      gates: [],
    });
    const started = await startShadow();
    await t.makeEngine().tick();
    const failed = (await t.store.get(started.id))!;
    expect(failed.state).toBe('Failed');
    expect(failed.stateReason).toMatch(
      /^could not set up step 1 \(v6 shadows production .*\): ConflictError: Another request for alias 'shadow'/,
    );
    expect((await t.predictors()).map((p: { name: string }) => p.name)).toEqual(
      ['stable'],
    );
  });

  it('has nothing to promote, and an abort removes the shadow', async () => {
    const started = await startShadow();
    await t.makeEngine().tick();
    await expect(
      t.service.control(started.id, 'promote', 'ship it', user),
    ).rejects.toThrow(/A shadow serves no users/);
    const aborted = await t.service.control(
      started.id,
      'abort',
      'seen enough',
      user,
    );
    expect(aborted.state).toBe('Aborted');
    expect((await t.predictors()).map((p: { name: string }) => p.name)).toEqual(
      ['stable'],
    );
    expect((await t.aliases()).shadow).toBeUndefined();
  });

  it('is refused up front for a model KServe serves, which cannot mirror traffic', async () => {
    const kserve = await startRolloutTestbed({
      serving: {
        platform: 'kserve',
        cluster: 'sandbox',
        namespace: 'growth',
        resourceName: 'churn-predictor',
      },
    });
    try {
      await expect(
        kserve.service.start(
          {
            entityRef: 'model:default/fraud-detector',
            version: '6',
            strategy: 'shadow',
          },
          user,
        ),
      ).rejects.toThrow(
        /A shadow needs traffic mirroring, which KServe cannot do/,
      );
      expect(
        await kserve.store.activeRolloutId('model:default/fraud-detector'),
      ).toBeUndefined();
    } finally {
      await kserve.stop();
    }
  });
});
