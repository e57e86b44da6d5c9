import { mockCredentials } from '@backstage/backend-test-utils';
import mlopsModuleKubeflowModelRegistry from '@mlops-portal/plugin-mlops-backend-module-kubeflow-model-registry';
import { ModelEntityV1alpha1 } from '@mlops-portal/plugin-mlops-common';
import { startModelRegistryStandIn } from '@mlops-portal/sandbox';
import request from 'supertest';
import { mlopsRouteHarness } from '../__testUtils__/mlopsRouteHarness';
import {
  AMIRA,
  fraudDetectorModel,
  JONAS,
  startMlopsBackend,
} from '../__testUtils__/startMlopsBackend';

/*
 * Promotions, the move-outside 409, rollbacks and approvals through the portal's routes, once per registry: MLflow
 * (its fake through msw) and the Kubeflow Model Registry (its stand-in over HTTP, aliases as mlops.alias.*
 * properties). The registry-specific failure cases stay in registryRoutes.test.ts.
 */
const t = mlopsRouteHarness();
let modelRegistry: Awaited<ReturnType<typeof startModelRegistryStandIn>>;
beforeAll(async () => {
  modelRegistry = await startModelRegistryStandIn();
});
afterAll(() => modelRegistry.close());

type Setup = {
  registry: string;
  /** The Model's name in the catalog. */
  model: string;
  /** Starts the plugin with that Model on this registry, when the harness's backend (MLflow's fraud-detector) is not it. */
  start?(): Promise<void>;
  alias(alias: string): string | undefined;
  /** Someone moves the alias in the registry itself, not through the portal. */
  moveOutside(alias: string, version: string): void;
  champion: string;
  challenger: string;
  /** A version that passes the gates and no alias names. */
  passing: string;
  /** A version that fails the gates. */
  failing: string;
};

function modelOn(registry: ModelEntityV1alpha1['spec']['registry']) {
  const model = fraudDetectorModel();
  model.metadata.name = registry!.modelName;
  model.spec.registry = registry;
  return model;
}

const setups: Setup[] = [
  {
    registry: 'MLflow',
    model: 'fraud-detector',
    alias: alias => t.fake.getAlias('fraud-detector', alias),
    moveOutside: (alias, version) =>
      t.fake.setAlias('fraud-detector', alias, version),
    champion: '4',
    challenger: '6',
    passing: '3',
    failing: '5',
  },
  {
    registry: 'Kubeflow Model Registry',
    model: 'churn-predictor',
    async start() {
      modelRegistry.reset();
      const model = modelOn({
        provider: 'kubeflow-model-registry',
        modelName: 'churn-predictor',
      });
      model.spec.qualityGates = [{ metric: 'auc', min: 0.8 }];
      await t.backend.stop();
      t.backend = await startMlopsBackend({
        entities: [model],
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
      });
    },
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
    champion: '2',
    challenger: '3',
    passing: '2',
    failing: '1',
  },
];

const as = (user: string) => mockCredentials.user.header(user);

describe.each(setups)('registry routes on $registry', setup => {
  const base = `/api/mlops/v1/entities/model/default/${setup.model}`;
  beforeEach(async () => {
    await setup.start?.();
  });
  const promote = (body: object, user = AMIRA) =>
    request(t.backend.server)
      .post(`${base}/promotions`)
      .set('Authorization', as(user))
      .send(body);
  const history = async () =>
    (
      await request(t.backend.server)
        .get(`${base}/promotions`)
        .set('Authorization', as(AMIRA))
    ).body.items;

  it('shows the aliases and the versions with their gates', async () => {
    const res = await request(t.backend.server)
      .get(`${base}/registry`)
      .set('Authorization', as(AMIRA));
    expect(res.status).toBe(200);
    expect(res.body.aliases).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ alias: 'champion', version: setup.champion }),
        expect.objectContaining({
          alias: 'challenger',
          version: setup.challenger,
        }),
      ]),
    );
    const failing = res.body.versions.find(
      (v: any) => v.version === setup.failing,
    );
    expect(failing.gatesPassed).toBe(false);
  });

  it('promotes, and records who moved what from where to where', async () => {
    const res = await promote({
      alias: 'challenger',
      version: setup.passing,
      reason: 'try it',
      expectedCurrentVersion: setup.challenger,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'completed',
      fromVersion: setup.challenger,
      toVersion: setup.passing,
      requestedBy: AMIRA,
    });
    expect(setup.alias('challenger')).toBe(setup.passing);
  });

  it('answers 422 and moves nothing when a gate fails', async () => {
    const res = await promote({
      alias: 'challenger',
      version: setup.failing,
      reason: 'try',
    });
    expect(res.status).toBe(422);
    expect(setup.alias('challenger')).toBe(setup.challenger);
  });

  it('answers 409 when the alias moved outside the portal after the request, and records the failure', async () => {
    const requested = await promote({
      alias: 'champion',
      version: setup.challenger,
      reason: 'beats the champion',
    });
    expect(requested.body.state).toBe('pending_approval');
    setup.moveOutside('champion', setup.failing);
    const approved = await request(t.backend.server)
      .post(`/api/mlops/v1/promotions/${requested.body.id}/approve`)
      .set('Authorization', as(JONAS))
      .send({ comment: 'checked the metrics' });
    expect(approved.status).toBe(409);
    expect(approved.body.error.message).toMatch(
      new RegExp(`now points at version ${setup.failing}`),
    );
    expect(setup.alias('champion')).toBe(setup.failing);
    expect(await history()).toEqual([
      expect.objectContaining({
        state: 'failed',
        error: `alias moved outside the portal to ${setup.failing}`,
      }),
    ]);
  });

  it('holds a champion move for a second person, then moves it', async () => {
    const requested = await promote({
      alias: 'champion',
      version: setup.challenger,
      reason: 'beats the champion',
    });
    expect(setup.alias('champion')).toBe(setup.champion);
    const approved = await request(t.backend.server)
      .post(`/api/mlops/v1/promotions/${requested.body.id}/approve`)
      .set('Authorization', as(JONAS))
      .send({ comment: 'checked' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'completed',
      decidedBy: JONAS,
    });
    expect(setup.alias('champion')).toBe(setup.challenger);
  });

  it('rolls an alias back to where it pointed before its last move', async () => {
    await promote({
      alias: 'challenger',
      version: setup.passing,
      reason: 'try it',
    });
    const rollback = await request(t.backend.server)
      .post(`${base}/rollbacks`)
      .set('Authorization', as(JONAS))
      .send({ alias: 'challenger', reason: 'regressed' });
    expect(rollback.status).toBe(201);
    expect(rollback.body).toMatchObject({
      action: 'rollback',
      fromVersion: setup.passing,
      toVersion: setup.challenger,
      state: 'completed',
    });
    expect(setup.alias('challenger')).toBe(setup.challenger);
  });
});
