import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  MlflowClients,
  MlflowModelRegistry,
} from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';
import {
  MlflowFake,
  mlflowHandlers,
  MLFLOW_TEST_URL,
  seedMlflow,
} from '@mlops-portal/sandbox';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { memoryCache } from '../../__testUtils__/memoryCache';
import { fraudDetectorModel } from '../../__testUtils__/startMlopsBackend';
import { ModelRegistries } from '../../shared/ModelRegistries';
import { ChampionLookup } from './ChampionLookup';

const ENTITY_REF = 'model:default/fraud-detector';

/*
 * The champion as drift sees it, from the MLflow module over MLflow's wire format (msw serving the sandbox's
 * fake) and the promotion history: which version, since when, its training run's drift reference, and what
 * could not be learned.
 */
describe('ChampionLookup', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let fake: MlflowFake;
  let moves: Map<string, PromotionRecord>;

  const lookup = () =>
    new ChampionLookup({
      registries: new ModelRegistries([
        new MlflowModelRegistry(
          MlflowClients.fromConfig(
            new ConfigReader({
              mlops: {
                mlflow: {
                  instances: [
                    {
                      name: 'default',
                      baseUrl: MLFLOW_TEST_URL,
                      maxAttempts: 1,
                    },
                  ],
                },
              },
            }),
          ),
          memoryCache(),
        ),
      ]),
      history: { lastCompletedMoves: async () => moves },
      cache: memoryCache(),
      ttlSeconds: 15,
    });
  const move = (toVersion: string): PromotionRecord => ({
    id: `p-${toVersion}`,
    entityRef: ENTITY_REF,
    instance: 'default',
    registeredModel: 'fraud-detector',
    action: 'promote',
    alias: 'champion',
    toVersion,
    reason: 'better',
    state: 'completed',
    requestedBy: 'user:default/amira.haddad',
    requestedAt: '2026-11-30T10:00:00.000Z',
    completedAt: '2026-11-30T10:05:00.000Z',
    gates: [],
  });

  beforeEach(() => {
    fake = new MlflowFake();
    seedMlflow(fake);
    server.use(...mlflowHandlers(fake));
    moves = new Map();
  });

  it('takes the version from the registry and the time from the history when both agree', async () => {
    moves.set('champion', move('4'));
    const champions = lookup();
    await expect(
      champions.champion(ENTITY_REF, fraudDetectorModel()),
    ).resolves.toEqual({
      version: '4',
      promotedAt: '2026-11-30T10:05:00.000Z',
      promotionId: 'p-4',
      notes: [],
    });
    // A move to another version than the registry's champion says nothing about when this one went live.
    moves.set('champion', move('3'));
    await expect(
      lookup().champion(ENTITY_REF, fraudDetectorModel()),
    ).resolves.toEqual({ version: '4', notes: [] });
  });

  it('falls back to the history when the registry cannot be read, and says so', async () => {
    moves.set('champion', move('4'));
    server.use(
      http.all(
        `${MLFLOW_TEST_URL}/*`,
        () => new HttpResponse(null, { status: 503 }),
      ),
    );
    const info = await lookup().champion(ENTITY_REF, fraudDetectorModel());
    expect(info).toMatchObject({ version: '4', promotionId: 'p-4' });
    expect(info.notes).toEqual([
      expect.stringMatching(
        /^the registry could not be read \(MLflow instance 'default' registered-models\/get failed: HTTP 503/,
      ),
    ]);
  });

  it('asks the registry once per cache period', async () => {
    const champions = lookup();
    await champions.champion(ENTITY_REF, fraudDetectorModel());
    fake.setAlias('fraud-detector', 'champion', '6');
    await expect(
      champions.champion(ENTITY_REF, fraudDetectorModel()),
    ).resolves.toMatchObject({ version: '4' });
    // Another backend (its own cache) sees the move at once.
    await expect(
      lookup().champion(ENTITY_REF, fraudDetectorModel()),
    ).resolves.toMatchObject({ version: '6' });
  });

  it("reads a version's training-run reference, and remembers a run without one for a while", async () => {
    const champions = lookup();
    const text = await champions.trainingReference(fraudDetectorModel(), '4');
    expect(JSON.parse(text!).format).toBe('mlops-drift-reference/v1');

    await expect(
      champions.trainingReference(fraudDetectorModel(), '6'),
    ).resolves.toBeUndefined();
    const asked = fake.requestCount;
    await expect(
      champions.trainingReference(fraudDetectorModel(), '6'),
    ).resolves.toBeUndefined();
    expect(fake.requestCount).toBe(asked);
  });

  it('says when a Model names no registry', async () => {
    const model = fraudDetectorModel();
    delete (model.spec as any).registry;
    await expect(lookup().champion(ENTITY_REF, model)).resolves.toEqual({
      notes: ['the Model declares no registry (spec.registry)'],
    });
  });
});
