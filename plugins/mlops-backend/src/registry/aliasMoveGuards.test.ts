import { mockCredentials } from '@backstage/backend-test-utils';
import { MLFLOW_TEST_URL } from '@mlops-portal/sandbox';
import { http, HttpResponse } from 'msw';
import request from 'supertest';
import { mlopsRouteHarness } from '../__testUtils__/mlopsRouteHarness';
import {
  FRAUD_DETECTOR_ROUTES as base,
  promotionRoutesClient,
} from '../__testUtils__/promotionRoutesClient';
import { AMIRA, JONAS } from '../__testUtils__/startMlopsBackend';

const t = mlopsRouteHarness();

const as = (user: string) => mockCredentials.user.header(user);

/* What the registry README promises about alias moves that meet a changed world, a flaky MLflow or a wrong decider. */
describe('alias move guards', () => {
  const client = promotionRoutesClient(t);
  const { promote, decide, history } = client;
  const requestChampion = async () => {
    const res = await client.requestChampion();
    expect(res.status).toBe(201);
    expect(res.body.state).toBe('pending_approval');
    return res.body.id as string;
  };

  // The approval of a move whose alias moved outside the portal meanwhile runs on each registry, in
  // registryRoutes.bothRegistries.test.ts.
  describe('an alias moved outside the portal', () => {
    it('answers 409 to a rollback when the alias moved since its last recorded move, and moves nothing', async () => {
      const moved = await promote({
        alias: 'challenger',
        version: '3',
        reason: 'try v3',
      });
      expect(moved.body.state).toBe('completed');
      t.fake.setAlias('fraud-detector', 'challenger', '5');

      const rollback = await request(t.backend.server)
        .post(`${base}/rollbacks`)
        .set('Authorization', as(JONAS))
        .send({ alias: 'challenger', reason: 'v3 regressed' });
      expect(rollback.status).toBe(409);
      expect(rollback.body.error.message).toBe(
        "Alias 'challenger' points at version 5, not 3 as after its last recorded move; a rollback would not undo that move",
      );
      expect(t.fake.getAlias('fraud-detector', 'challenger')).toBe('5');
      expect(await history()).toEqual([
        expect.objectContaining({ id: moved.body.id, state: 'completed' }),
      ]);
    });
  });

  it('records a move that landed despite an MLflow error as completed', async () => {
    // MLflow applies the move, then fails to say so.
    t.server.use(
      http.post(
        `${MLFLOW_TEST_URL}/api/2.0/mlflow/registered-models/alias`,
        async ({ request: req }) => {
          t.fake.handle({
            method: 'POST',
            path: '/registered-models/alias',
            query: new URLSearchParams(),
            contentType: 'application/json',
            body: await req.text(),
          });
          return HttpResponse.json(
            { error_code: 'INTERNAL_ERROR', message: 'commit timed out' },
            { status: 500 },
          );
        },
      ),
    );
    const res = await promote({
      alias: 'challenger',
      version: '3',
      reason: 'x v3',
      expectedCurrentVersion: '6',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'completed',
      fromVersion: '6',
      toVersion: '3',
    });
    expect(t.fake.getAlias('fraud-detector', 'challenger')).toBe('3');
    expect(await history()).toEqual([
      expect.objectContaining({ id: res.body.id, state: 'completed' }),
    ]);
  });

  describe('409s', () => {
    it('answers 409 "not pending" to a decision on a request already decided', async () => {
      const rejectedId = await requestChampion();
      expect((await decide(rejectedId, 'reject', JONAS)).status).toBe(200);
      const late = await decide(rejectedId, 'approve', JONAS);
      expect(late.status).toBe(409);
      expect(late.body.error.message).toBe(
        `Request ${rejectedId} is rejected, not pending approval`,
      );
      expect(t.fake.getAlias('fraud-detector', 'champion')).toBe('4');

      const approvedId = await requestChampion();
      expect((await decide(approvedId, 'approve', JONAS)).status).toBe(200);
      const twice = await decide(approvedId, 'reject', JONAS);
      expect(twice.status).toBe(409);
      expect(twice.body.error.message).toBe(
        `Request ${approvedId} is completed, not pending approval`,
      );
      expect(t.fake.getAlias('fraud-detector', 'champion')).toBe('6');
    });

    it('answers 409 "already there" to a promotion to the version the alias already names, and records nothing', async () => {
      const res = await promote({
        alias: 'challenger',
        version: '6',
        reason: 'again',
      });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(
        "Alias 'challenger' already points at version 6",
      );
      expect(await history()).toEqual([]);
    });
  });

  it('answers 403 to a rejection by the requester, and leaves the request pending', async () => {
    const id = await requestChampion();
    const own = await decide(id, 'reject', AMIRA, 'never mind');
    expect(own.status).toBe(403);
    expect(own.body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        'A request must be approved or rejected by someone other than its requester',
    });
    expect(await history()).toEqual([
      expect.objectContaining({ id, state: 'pending_approval' }),
    ]);
  });
});
