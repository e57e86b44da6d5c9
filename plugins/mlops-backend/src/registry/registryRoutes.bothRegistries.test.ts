import { mockCredentials } from '@backstage/backend-test-utils';
import mlopsModuleKubeflowModelRegistry from '@mlops-portal/plugin-mlops-backend-module-kubeflow-model-registry';
import { ModelEntityV1alpha1 } from '@mlops-portal/plugin-mlops-common';
import { startModelRegistryStandIn } from '@mlops-portal/sandbox';
import request from 'supertest';
import { mlopsRouteHarness } from '../__testUtils__/mlopsRouteHarness';
import { promotionRoutesClient } from '../__testUtils__/promotionRoutesClient';
import {
  AMIRA,
  fraudDetectorModel,
  JONAS,
  startMlopsBackend,
} from '../__testUtils__/startMlopsBackend';

/*
 * What depends on the registry, through the portal's routes, once per registry: MLflow (its fake through msw) and
 * the Kubeflow Model Registry (its stand-in over HTTP, aliases as mlops.alias.* properties). The registry view,
 * promotions, the gate refusal, not-found answers, approvals, the move-outside 409 and rollbacks. Rules that do
 * not depend on the registry (body validation, permissions, locks, dry-run) and MLflow's failure modes are tested
 * once, on MLflow, in registryRoutes.test.ts, approvalRoutes.test.ts and aliasMoveGuards.test.ts.
 */
let modelRegistry: Awaited<ReturnType<typeof startModelRegistryStandIn>>;
beforeAll(async () => {
  modelRegistry = await startModelRegistryStandIn();
});
afterAll(() => modelRegistry.close());

type Setup = {
  registry: string;
  /** The Model's name in the catalog, and its registered model's. */
  model: string;
  /** How the plugin is started for this registry; the catalog also holds an `unregistered` Model it does not know. */
  backend(): Parameters<typeof startMlopsBackend>[0];
  /** Serves the registry freshly seeded; before the plugin starts. */
  reset(): void;
  alias(alias: string): string | undefined;
  /** Someone moves the alias in the registry itself, not through the portal. */
  moveOutside(alias: string, version: string): void;
  /** Every version, newest first. */
  versions: string[];
  champion: string;
  /** The newest version; it passes the gates. */
  challenger: string;
  /** A version that passes the gates. */
  passing: string;
  /** A version that fails the gates, its auc, and the gates' answer when it is promoted to challenger. */
  failing: string;
  failingAuc: number;
  failingGates: object[];
  failingMessage: string;
};

function modelOn(registry: ModelEntityV1alpha1['spec']['registry']) {
  const model = fraudDetectorModel();
  model.metadata.name = registry!.modelName;
  model.spec.registry = registry;
  return model;
}

/** The registry whose tests run now; set before each describe block's tests, read by the hooks below. */
let setup: Setup;
// Registered before the harness's hooks, so the registry is fresh when the plugin starts.
beforeEach(() => setup.reset());
const t = mlopsRouteHarness(() => setup.backend());

const setups: Setup[] = [
  {
    registry: 'MLflow',
    model: 'fraud-detector',
    backend: () => ({
      entities: [
        fraudDetectorModel(),
        modelOn({ provider: 'mlflow', modelName: 'unregistered' }),
      ],
    }),
    reset() {}, // The harness seeds a fresh MLflow fake per test.
    alias: alias => t.fake.getAlias('fraud-detector', alias),
    moveOutside: (alias, version) =>
      t.fake.setAlias('fraud-detector', alias, version),
    versions: ['6', '5', '4', '3', '2', '1'],
    champion: '4',
    challenger: '6',
    passing: '3',
    failing: '5',
    failingAuc: 0.883,
    // The example Model's gates: auc ≥ 0.9, and f1 ≥ 0.95 × the champion's (v4: 0.79). v5 logged auc 0.883, f1 0.73.
    failingGates: [
      {
        metric: 'auc',
        kind: 'min',
        threshold: 0.9,
        effectiveThreshold: 0.9,
        measured: 0.883,
        passed: false,
        reason: 'auc = 0.883 is below the minimum 0.9',
      },
      {
        metric: 'f1',
        kind: 'minRatioOfChampion',
        threshold: 0.95,
        champion: 0.79,
        effectiveThreshold: expect.closeTo(0.7505, 10),
        measured: 0.73,
        passed: false,
        reason: "f1 = 0.73 is below 0.95 × champion's 0.79 (0.7505)",
      },
    ],
    failingMessage:
      "Version 5 fails 2 quality gate(s): auc = 0.883 is below the minimum 0.9; f1 = 0.73 is below 0.95 × champion's 0.79 (0.7505)",
  },
  {
    registry: 'Kubeflow Model Registry',
    model: 'churn-predictor',
    backend() {
      const model = modelOn({
        provider: 'kubeflow-model-registry',
        modelName: 'churn-predictor',
      });
      model.spec.qualityGates = [{ metric: 'auc', min: 0.8 }];
      return {
        entities: [
          model,
          modelOn({
            provider: 'kubeflow-model-registry',
            modelName: 'unregistered',
          }),
        ],
        features: [mlopsModuleKubeflowModelRegistry],
        mlopsConfig: {
          kubeflowModelRegistry: {
            instances: [
              {
                name: 'default',
                baseUrl: modelRegistry.url,
                token: modelRegistry.token,
                maxAttempts: 1,
              },
            ],
          },
        },
      };
    },
    reset: () => modelRegistry.reset(),
    alias: alias =>
      (
        modelRegistry.fake.registeredModel('churn-predictor')!.customProperties[
          `mlops.alias.${alias}`
        ] as any
      )?.string_value,
    moveOutside: (alias, version) =>
      modelRegistry.fake.setModelProperty(
        'churn-predictor',
        `mlops.alias.${alias}`,
        version,
      ),
    versions: ['3', '2', '1'],
    champion: '2',
    challenger: '3',
    passing: '2',
    failing: '1',
    failingAuc: 0.79,
    // The test Model's one gate: auc ≥ 0.8. Version 1 carries auc 0.79 as a double property.
    failingGates: [
      {
        metric: 'auc',
        kind: 'min',
        threshold: 0.8,
        effectiveThreshold: 0.8,
        measured: 0.79,
        passed: false,
        reason: 'auc = 0.79 is below the minimum 0.8',
      },
    ],
    failingMessage:
      'Version 1 fails 1 quality gate(s): auc = 0.79 is below the minimum 0.8',
  },
];

const as = (user: string) => mockCredentials.user.header(user);

describe.each(setups)('registry routes on $registry', current => {
  beforeAll(() => {
    setup = current;
  });
  const { model } = current;
  const base = `/api/mlops/v1/entities/model/default/${model}`;
  const { promote, history, decide } = promotionRoutesClient(t, base);
  const registryView = () =>
    request(t.backend.server)
      .get(`${base}/registry`)
      .set('Authorization', as(AMIRA));

  it('answers the registered model, versions with metrics and gates, and the alias map', async () => {
    const res = await registryView();
    expect(res.status).toBe(200);
    expect(res.body.registeredModel.name).toBe(model);
    expect(res.body.protectedAliases).toEqual(['champion']);
    expect(res.body.aliases).toEqual(
      expect.arrayContaining([
        { alias: 'champion', version: current.champion, protected: true },
        { alias: 'challenger', version: current.challenger, protected: false },
      ]),
    );
    expect(res.body.versions.map((v: any) => v.version)).toEqual(
      current.versions,
    );
    const failing = res.body.versions.find(
      (v: any) => v.version === current.failing,
    );
    expect(failing.metrics.auc).toBe(current.failingAuc);
    expect(failing.gatesPassed).toBe(false);
    expect(res.body.versions[0]).toMatchObject({
      version: current.challenger,
      aliases: ['challenger'],
      gatesPassed: true,
    });
  });

  it('answers 404 naming the registry for a registered model or a version it does not know', async () => {
    const unregistered = await request(t.backend.server)
      .get('/api/mlops/v1/entities/model/default/unregistered/registry')
      .set('Authorization', as(AMIRA));
    expect(unregistered.status).toBe(404);
    expect(unregistered.body.error.message).toBe(
      `Registered model 'unregistered' not found in ${current.registry} instance 'default'`,
    );
    const res = await promote({
      alias: 'challenger',
      version: '42',
      reason: 'v42',
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      `Version 42 of registered model '${model}' not found in ${current.registry} instance 'default'`,
    );
    expect(await history()).toEqual([]);
  });

  it('moves an unprotected alias and records who, when, from, to, why and the gates', async () => {
    const res = await promote({
      alias: 'challenger',
      version: current.passing,
      reason: 'shadow test',
      expectedCurrentVersion: current.challenger,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'completed',
      alias: 'challenger',
      fromVersion: current.challenger,
      toVersion: current.passing,
      requestedBy: AMIRA,
      reason: 'shadow test',
    });
    expect(res.body.gates.length).toBeGreaterThan(0);
    expect(current.alias('challenger')).toBe(current.passing);
    expect(await history()).toEqual([
      expect.objectContaining({ id: res.body.id, state: 'completed' }),
    ]);
  });

  it('answers 422 listing each gate, its threshold and measured value, when a gate fails, and moves nothing', async () => {
    const res = await promote({
      alias: 'challenger',
      version: current.failing,
      reason: 'try it',
    });
    expect(res.status).toBe(422);
    expect(res.body.gates).toEqual(current.failingGates);
    expect(res.body.promotion.gates).toEqual(current.failingGates);
    expect(res.body.error.message).toBe(current.failingMessage);
    expect(current.alias('challenger')).toBe(current.challenger);
    expect(await history()).toEqual([
      expect.objectContaining({ state: 'blocked', toVersion: current.failing }),
    ]);
  });

  it('holds a champion promotion until another person approves it, then moves it and shows who did', async () => {
    const requested = await promote({
      alias: 'champion',
      version: current.challenger,
      reason: 'beats the champion',
      expectedCurrentVersion: current.champion,
    });
    expect(requested.status).toBe(201);
    expect(requested.body.state).toBe('pending_approval');
    expect(current.alias('champion')).toBe(current.champion);

    const approved = await decide(
      requested.body.id,
      'approve',
      JONAS,
      'checked the shadow metrics',
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'completed',
      decidedBy: JONAS,
      decisionComment: 'checked the shadow metrics',
    });
    expect(current.alias('champion')).toBe(current.challenger);

    expect((await registryView()).body.aliases).toContainEqual(
      expect.objectContaining({
        alias: 'champion',
        version: current.challenger,
        movedBy: AMIRA,
        promotionId: requested.body.id,
      }),
    );
  });

  it('answers 409 to an approval when the alias moved outside the portal after the request, records the move failed, and frees the alias', async () => {
    const requested = await promote({
      alias: 'champion',
      version: current.challenger,
      reason: 'beats the champion',
    });
    expect(requested.body.state).toBe('pending_approval');
    current.moveOutside('champion', current.failing);

    const approved = await decide(
      requested.body.id,
      'approve',
      JONAS,
      'checked the metrics',
    );
    expect(approved.status).toBe(409);
    expect(approved.body.error.message).toBe(
      `Alias 'champion' now points at version ${current.failing}, not ${current.champion} as when requested; request again`,
    );
    expect(current.alias('champion')).toBe(current.failing);
    expect(await history()).toEqual([
      expect.objectContaining({
        id: requested.body.id,
        state: 'failed',
        error: `alias moved outside the portal to ${current.failing}`,
        decidedBy: JONAS,
      }),
    ]);
    // A failed move frees the alias for a new request, from where it now points.
    const again = await promote({
      alias: 'champion',
      version: current.challenger,
      reason: 'again',
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      state: 'pending_approval',
      fromVersion: current.failing,
    });
  });

  it('moves an alias back to where it pointed before its last move, and answers what was where at a time', async () => {
    const first = await promote({
      alias: 'challenger',
      version: current.passing,
      reason: 'try it',
    });
    expect(first.status).toBe(201);
    const between = new Date().toISOString();
    await new Promise(r => setTimeout(r, 5));
    const rollback = await request(t.backend.server)
      .post(`${base}/rollbacks`)
      .set('Authorization', as(JONAS))
      .send({ alias: 'challenger', reason: 'regressed on mobile' });
    expect(rollback.status).toBe(201);
    expect(rollback.body).toMatchObject({
      action: 'rollback',
      fromVersion: current.passing,
      toVersion: current.challenger,
      state: 'completed',
      requestedBy: JONAS,
    });
    expect(current.alias('challenger')).toBe(current.challenger);

    const at = await request(t.backend.server)
      .get(`${base}/promotions`)
      .query({ alias: 'challenger', at: between })
      .set('Authorization', as(AMIRA));
    expect(at.body.aliasesAt).toEqual({ challenger: current.passing });
    expect(at.body.items.map((i: any) => i.id)).toEqual([
      first.body.id,
      rollback.body.id,
    ]);
  });
});
