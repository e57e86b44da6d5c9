import { mockCredentials } from '@backstage/backend-test-utils';
import { createCanaryStartAction } from './canaryStart';
import { createRolloutStartAction } from './rolloutStart';
import request from 'supertest';
import { actionHarness } from '../__testUtils__/actionHarness';

jest.setTimeout(60_000);

/* mlops:rollout:start (the successor of mlops:canary:start) starting each strategy through the real backend. */
describe('mlops:rollout:start', () => {
  const t = actionHarness(deps => createRolloutStartAction(deps));
  const model = 'model:default/fraud-detector';
  const abTest = { baselineRate: 0.05, minimumDetectableEffect: 0.01 };

  it('keeps the old id working with the same inputs', () => {
    const deps = { discovery: {} as any, auth: {} as any };
    expect(createCanaryStartAction(deps).id).toBe('mlops:canary:start');
    expect(createRolloutStartAction(deps).id).toBe('mlops:rollout:start');
    expect(
      Object.keys(createCanaryStartAction(deps).schema?.input ?? {}),
    ).toEqual(Object.keys(createRolloutStartAction(deps).schema?.input ?? {}));
    expect(createCanaryStartAction(deps).schema?.input).toEqual(
      createRolloutStartAction(deps).schema?.input,
    );
  });

  it("refuses in its input schema what the backend's request schema refuses", () => {
    const deps = { discovery: {} as any, auth: {} as any };
    const input = createRolloutStartAction(deps).schema?.input as any;
    expect(input.required).toEqual(['entityRef', 'version']);
    expect(input.properties.version).toMatchObject({ pattern: '^\\d+$' });
    expect(input.properties.abTest).toMatchObject({
      required: ['baselineRate', 'minimumDetectableEffect'],
      additionalProperties: false,
      properties: {
        baselineRate: { exclusiveMinimum: 0, exclusiveMaximum: 1 },
        candidateShare: { type: 'integer', minimum: 1, maximum: 99 },
      },
    });
    expect(input.properties.steps).toMatchObject({ minItems: 1, maxItems: 20 });
    expect(input.properties.analysis.properties).toHaveProperty('count');
    expect(input.properties.abTest.description).toMatch(/A\/B test plan/);
  });

  it('plans an A/B test in a dry run, then starts it with its sample size', async () => {
    const plan = await t.run(
      { entityRef: model, version: '6', strategy: 'abtest', abTest },
      true,
    );
    expect(plan).toEqual({ state: 'would-start', baselineVersion: '4' });
    const output = await t.run({
      entityRef: model,
      version: '6',
      strategy: 'abtest',
      abTest: { ...abTest, candidateShare: 20 },
    });
    const stored = (
      await request(t.backend.server)
        .get(`/api/mlops/v1/rollouts/${output.rolloutId}`)
        .set('Authorization', mockCredentials.user.header())
    ).body;
    expect(stored).toMatchObject({
      strategy: 'abtest',
      steps: [{ weight: 20 }],
      abTest: { candidateShare: 20, baselineRate: 0.05, plannedPerArm: 8158 },
      createdBy: 'user:default/mock',
    });
  });

  it("fails with the backend's reason for an A/B test without a plan", async () => {
    await expect(
      t.run({ entityRef: model, version: '6', strategy: 'abtest' }),
    ).rejects.toThrow(/needs abTest/);
  });

  it('starts a shadow and a blue-green with their plans', async () => {
    const shadow = await t.run({
      entityRef: model,
      version: '6',
      strategy: 'shadow',
      shadow: { durationSeconds: 900, maxPsi: 0.2 },
    });
    const get = async (id: string) =>
      (
        await request(t.backend.server)
          .get(`/api/mlops/v1/rollouts/${id}`)
          .set('Authorization', mockCredentials.user.header())
      ).body;
    expect(await get(shadow.rolloutId)).toMatchObject({
      strategy: 'shadow',
      alias: 'shadow',
      steps: [{ weight: 0, durationSeconds: 900 }],
      shadow: { durationSeconds: 900, maxPsi: 0.2, maxJensenShannon: 0.1 },
    });
    await request(t.backend.server)
      .post(`/api/mlops/v1/rollouts/${shadow.rolloutId}/abort`)
      .set('Authorization', mockCredentials.user.header())
      .send({ reason: 'next: blue-green' })
      .expect(200);
    const blueGreen = await t.run({
      entityRef: model,
      version: '6',
      strategy: 'bluegreen',
      blueGreen: { warmSeconds: 300 },
    });
    expect(await get(blueGreen.rolloutId)).toMatchObject({
      strategy: 'bluegreen',
      steps: [
        { weight: 0, durationSeconds: 0 },
        { weight: 100, durationSeconds: 300 },
      ],
      blueGreen: { warmSeconds: 300, readinessTimeoutSeconds: 600 },
    });
  });
});
