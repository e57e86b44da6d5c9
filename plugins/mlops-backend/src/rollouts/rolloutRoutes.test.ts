import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { mlopsRouteHarness } from '../__testUtils__/mlopsRouteHarness';
import { AMIRA, JONAS, MALLORY } from '../__testUtils__/startMlopsBackend';

const t = mlopsRouteHarness();

const as = (user: string) => mockCredentials.user.header(user);

describe('rollout routes', () => {
  const start = (body: object, user = AMIRA) =>
    request(t.backend.server)
      .post('/api/mlops/v1/rollouts')
      .set('Authorization', as(user))
      .send(body);
  const body = { entityRef: 'model:default/fraud-detector', version: '6' };

  it('starts a rollout of a version, records who and from where, and allows one per model', async () => {
    const res = await start(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'Progressing',
      candidateVersion: '6',
      baselineVersion: '4',
      alias: 'champion',
      createdBy: AMIRA,
      steps: [
        { weight: 5, durationSeconds: 300 },
        { weight: 25, durationSeconds: 600 },
        { weight: 100, durationSeconds: 0 },
      ],
      analysis: ['error-rate', 'p99-latency'],
      analysisMetrics: [
        expect.objectContaining({
          name: 'error-rate',
          successCondition: { operator: '<=', threshold: 0.02 },
          maxRatioToStable: 2,
        }),
        expect.objectContaining({ name: 'p99-latency' }),
      ],
      target: {
        platform: 'seldon',
        cluster: 'prod-eu',
        namespace: 'fraud',
        name: 'fraud-detector',
      },
    });
    expect(res.body.target.modelUri).toMatch(/^mlflow-artifacts:/);
    const again = await start({ ...body, version: '3' }, JONAS);
    expect(again.status).toBe(409);

    const got = await request(t.backend.server)
      .get(`/api/mlops/v1/rollouts/${res.body.id}`)
      .set('Authorization', as(AMIRA));
    expect(got.body.events).toEqual([
      expect.objectContaining({
        type: 'transition',
        to: 'Progressing',
        actor: AMIRA,
        reason: 'started: v4 → v6',
      }),
    ]);
    const list = await request(t.backend.server)
      .get('/api/mlops/v1/rollouts')
      .query({ entityRef: 'model:default/fraud-detector' })
      .set('Authorization', as(AMIRA));
    expect(list.body.items.map((r: any) => r.id)).toEqual([res.body.id]);
  });

  it("keeps the starter's reason in the first transition, and shows each metric's initial delay", async () => {
    const res = await start({
      ...body,
      reason: 'v6 passed its shadow',
      analysis: { initialDelaySeconds: 30 },
    });
    expect(res.status).toBe(201);
    expect(
      res.body.analysisMetrics.map((m: any) => m.initialDelaySeconds),
    ).toEqual([30, 30]);
    const got = await request(t.backend.server)
      .get(`/api/mlops/v1/rollouts/${res.body.id}`)
      .set('Authorization', as(AMIRA));
    expect(got.body.events[0]).toMatchObject({
      to: 'Progressing',
      actor: AMIRA,
      reason: 'started: v4 → v6: v6 passed its shadow',
    });
    const tooShort = await start({ ...body, version: '3', reason: 'x' });
    expect(tooShort.status).toBe(400);
  });

  it('lets the owner pause and resume, recording who and why', async () => {
    const { body: rollout } = await start(body);
    const paused = await request(t.backend.server)
      .post(`/api/mlops/v1/rollouts/${rollout.id}/pause`)
      .set('Authorization', as(JONAS))
      .send({ reason: 'holiday freeze' });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({
      state: 'Paused',
      stateReason: 'holiday freeze',
    });
    const resumed = await request(t.backend.server)
      .post(`/api/mlops/v1/rollouts/${rollout.id}/resume`)
      .set('Authorization', as(AMIRA))
      .send({ reason: 'freeze over' });
    expect(resumed.body.state).toBe('Progressing');
    expect(
      resumed.body.events.map((e: any) => `${e.to} by ${e.actor}`),
    ).toEqual([
      `Progressing by ${AMIRA}`,
      `Paused by ${JONAS}`,
      `Progressing by ${AMIRA}`,
    ]);
    const twice = await request(t.backend.server)
      .post(`/api/mlops/v1/rollouts/${rollout.id}/resume`)
      .set('Authorization', as(AMIRA))
      .send({ reason: 'again please' });
    expect(twice.status).toBe(409);
  });

  it('answers 403 without mlops.rollout.manage, 404 for an unknown version, 400 for bad steps', async () => {
    expect((await start(body, MALLORY)).status).toBe(403);
    expect((await start({ ...body, version: '42' })).status).toBe(404);
    const bad = await start({
      ...body,
      steps: [{ weight: 50, durationSeconds: 10 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /the last step must give the canary 100%/,
    );
  });

  it('answers a dry run with the plan, stores nothing, and still says 409 while a rollout is active', async () => {
    const plan = await start({ ...body, dryRun: true });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({
      id: 'dry-run',
      candidateVersion: '6',
      baselineVersion: '4',
    });
    const list = () =>
      request(t.backend.server)
        .get('/api/mlops/v1/rollouts')
        .query({ entityRef: 'model:default/fraud-detector' })
        .set('Authorization', as(AMIRA));
    expect((await list()).body.items).toEqual([]);
    expect((await start({ ...body, dryRun: true }, MALLORY)).status).toBe(403);
    await start(body);
    expect((await start({ ...body, dryRun: true })).status).toBe(409);
    expect((await list()).body.items).toHaveLength(1);
  });

  it('refuses a version that fails its quality gates with 422 like a promotion, naming each failed gate', async () => {
    // Version 5 of the fixture scores AUC 0.883 against the Model's minimum of 0.9.
    const res = await start({ ...body, version: '5' });
    expect(res.status).toBe(422);
    expect(res.body.error.name).toBe('QualityGateFailedError');
    expect(res.body.error.message).toMatch(
      /^Version 5 fails its quality gates: .*auc/,
    );
    // Every gate's result, as a promotion's 422 has them; no promotion is recorded for a rollout.
    expect(
      res.body.gates.map((g: { metric: string; kind: string }) => [
        g.metric,
        g.kind,
      ]),
    ).toEqual([
      ['auc', 'min'],
      ['f1', 'minRatioOfChampion'],
    ]);
    expect(res.body.gates[0]).toMatchObject({ passed: false, threshold: 0.9 });
    expect(res.body.promotion).toBeUndefined();
  });

  it('plans an A/B test: one held split and the sample size from the baseline and effect', async () => {
    const plan = await start({
      ...body,
      strategy: 'abtest',
      abTest: { baselineRate: 0.1, minimumDetectableEffect: 0.02 },
      dryRun: true,
    });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({
      strategy: 'abtest',
      steps: [{ weight: 50, durationSeconds: 0 }],
      abTest: {
        candidateShare: 50,
        alpha: 0.05,
        power: 0.8,
        plannedPerArm: 3841,
      },
    });
    const noPlan = await start({ ...body, strategy: 'abtest' });
    expect(noPlan.status).toBe(400);
    expect(noPlan.body.error.message).toMatch(/needs abTest/);
    const impossible = await start({
      ...body,
      strategy: 'abtest',
      abTest: { baselineRate: 0.95, minimumDetectableEffect: 0.1 },
    });
    expect(impossible.status).toBe(400);
    const withSteps = await start({
      ...body,
      strategy: 'abtest',
      abTest: { baselineRate: 0.1, minimumDetectableEffect: 0.02 },
      steps: [{ weight: 100, durationSeconds: 0 }],
    });
    expect(withSteps.status).toBe(400);
  });

  it('plans a shadow against champion under the shadow alias, and a blue-green as ready-then-switch', async () => {
    const shadow = await start({
      ...body,
      strategy: 'shadow',
      shadow: { durationSeconds: 1800 },
      dryRun: true,
    });
    expect(shadow.status).toBe(200);
    expect(shadow.body).toMatchObject({
      strategy: 'shadow',
      alias: 'shadow',
      baselineVersion: '4',
      steps: [{ weight: 0, durationSeconds: 1800 }],
      shadow: {
        durationSeconds: 1800,
        intervalSeconds: 60,
        maxPsi: 0.1,
        maxJensenShannon: 0.1,
        minPredictions: 1000,
      },
    });
    const blueGreen = await start({
      ...body,
      strategy: 'bluegreen',
      blueGreen: { warmSeconds: 120 },
      dryRun: true,
    });
    expect(blueGreen.body).toMatchObject({
      strategy: 'bluegreen',
      alias: 'champion',
      steps: [
        { weight: 0, durationSeconds: 0 },
        { weight: 100, durationSeconds: 120 },
      ],
      blueGreen: { readinessTimeoutSeconds: 600, warmSeconds: 120 },
    });
  });

  it.each([
    [
      { strategy: 'shadow', steps: [{ weight: 100, durationSeconds: 0 }] },
      /has no steps to choose/,
    ],
    [
      { strategy: 'canary', shadow: { durationSeconds: 60 } },
      /shadow applies to the shadow strategy only/,
    ],
    [
      { strategy: 'shadow', blueGreen: { warmSeconds: 60 } },
      /blueGreen applies to the bluegreen strategy only/,
    ],
    [
      { strategy: 'shadow', alias: 'challenger' },
      /moves only the 'shadow' alias/,
    ],
    [{ strategy: 'shadow', shadow: { maxPsi: -1 } }, /maxPsi/],
    [
      { strategy: 'bluegreen', blueGreen: { warmSeconds: 60, extra: 1 } },
      /extra/,
    ],
    [{ strategy: 'blue-green' }, /strategy/],
  ])(
    'refuses a plan that does not fit its strategy: %j',
    async (extra, message) => {
      const res = await start({ ...body, ...extra });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    },
  );

  it('has nothing to promote in a shadow', async () => {
    const started = await start({ ...body, strategy: 'shadow' });
    expect(started.status).toBe(201);
    const promote = await request(t.backend.server)
      .post(`/api/mlops/v1/rollouts/${started.body.id}/promote`)
      .set('Authorization', as(AMIRA))
      .send({ reason: 'looks fine' });
    expect(promote.status).toBe(400);
    expect(promote.body.error.message).toMatch(/A shadow serves no users/);
  });
});
