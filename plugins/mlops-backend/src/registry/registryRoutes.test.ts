import { mockCredentials } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import request from 'supertest';
import { mlflowHandlers, MLFLOW_TEST_URL } from '@mlops-portal/sandbox';
import { mlopsRouteHarness } from '../__testUtils__/mlopsRouteHarness';
import {
  FRAUD_DETECTOR_ROUTES as base,
  promotionRoutesClient,
} from '../__testUtils__/promotionRoutesClient';
import { AMIRA, JONAS, MALLORY } from '../__testUtils__/startMlopsBackend';

const t = mlopsRouteHarness();

const as = (user: string) => mockCredentials.user.header(user);

/*
 * The registry routes' rules that do not depend on the registry (validation, permissions, the expected-version
 * check, locks, dry-run), and how they answer MLflow's failures, on MLflow only. What depends on the registry
 * runs on MLflow and on the Kubeflow Model Registry in registryRoutes.bothRegistries.test.ts.
 */
describe('registry routes', () => {
  const { promote, history } = promotionRoutesClient(t);

  describe('GET registry', () => {
    it('answers 404 for a model not in the catalog', async () => {
      const res = await request(t.backend.server)
        .get('/api/mlops/v1/entities/model/default/nope/registry')
        .set('Authorization', as(AMIRA));
      expect(res.status).toBe(404);
    });

    it('answers 503 naming MLflow when it cannot be reached', async () => {
      t.server.use(
        http.all(`${MLFLOW_TEST_URL}/*`, () => HttpResponse.error()),
      );
      const res = await request(t.backend.server)
        .get(`${base}/registry`)
        .set('Authorization', as(AMIRA));
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(
        /^MLflow instance 'default' .* failed: unreachable/,
      );
    });
  });

  describe('POST promotions', () => {
    it('refuses unauthenticated callers', async () => {
      const res = await request(t.backend.server)
        .post(`${base}/promotions`)
        .set('Authorization', mockCredentials.none.header())
        .send({ alias: 'challenger', version: '3', reason: 'x' });
      expect(res.status).toBe(401);
    });

    it('answers 400 for a body that does not validate, naming the field', async () => {
      const res = await promote({
        alias: 'latest',
        version: 'six',
        reason: '',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /alias: 'latest' and 'v<number>' are reserved/,
      );
      expect(res.body.error.message).toMatch(
        /version: a registry version number/,
      );
      expect(res.body.error.message).toMatch(/reason: say why/);
    });

    it('answers 403 without the promote permission, and moves nothing', async () => {
      const res = await promote(
        { alias: 'challenger', version: '3', reason: 'try' },
        MALLORY,
      );
      expect(res.status).toBe(403);
      expect(t.fake.getAlias('fraud-detector', 'challenger')).toBe('6');
      expect(await history()).toEqual([]);
    });

    it('answers 409 when the alias moved since the caller looked', async () => {
      const res = await promote({
        alias: 'challenger',
        version: '3',
        reason: 'x v3',
        expectedCurrentVersion: '5',
      });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(
        /points at version 6, not 5 as expected/,
      );
    });

    it('answers 502 naming MLflow when it fails to move the alias, and records the failure, not a success', async () => {
      t.server.use(
        http.post(
          `${MLFLOW_TEST_URL}/api/2.0/mlflow/registered-models/alias`,
          () =>
            HttpResponse.json(
              { error_code: 'INTERNAL_ERROR', message: 'database is locked' },
              { status: 500 },
            ),
        ),
        ...mlflowHandlers(t.fake),
      );
      const res = await promote({
        alias: 'challenger',
        version: '3',
        reason: 'x v3',
      });
      expect(res.status).toBe(502);
      expect(res.body.error.message).toMatch(
        /MLflow instance 'default' registered-models\/alias failed: HTTP 500 INTERNAL_ERROR/,
      );
      expect(t.fake.getAlias('fraud-detector', 'challenger')).toBe('6');
      expect(await history()).toEqual([
        expect.objectContaining({
          state: 'failed',
          error: expect.stringMatching(/HTTP 500/),
        }),
      ]);
      // The lock is released: the next attempt may go ahead.
      t.serveFake();
      expect(
        (await promote({ alias: 'challenger', version: '3', reason: 'again' }))
          .status,
      ).toBe(201);
    });

    it('records a move MLflow never answered as unknown, keeps the alias locked, and lets an operator settle it', async () => {
      // MLflow stops answering the move (the connection drops) while reads still work.
      t.server.use(
        http.post(
          `${MLFLOW_TEST_URL}/api/2.0/mlflow/registered-models/alias`,
          () => HttpResponse.error(),
        ),
        ...mlflowHandlers(t.fake),
      );
      const res = await promote({
        alias: 'challenger',
        version: '3',
        reason: 'x v3',
      });
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(
        /did not confirm moving alias 'challenger' to version 3.*recorded as unknown/,
      );
      const [unknown] = await history();
      expect(unknown).toMatchObject({ state: 'unknown', toVersion: '3' });
      expect(unknown.outcomeLearnedAt).toBeUndefined();
      // Not failed: the lock holds until the outcome is known.
      t.serveFake();
      const blocked = await promote({
        alias: 'challenger',
        version: '4',
        reason: 'meanwhile',
      });
      expect(blocked.status).toBe(409);

      const release = (user: string, id = unknown.id) =>
        request(t.backend.server)
          .post(`/api/mlops/v1/promotions/${id}/release`)
          .set('Authorization', as(user))
          .send({ reason: 'MLflow was restored from a backup' });
      expect((await release(MALLORY)).status).toBe(403);
      const settled = await release(AMIRA);
      expect(settled.status).toBe(200);
      expect(settled.body).toMatchObject({
        state: 'failed',
        error: expect.stringMatching(
          /never applied it: alias 'challenger' points at 6; learned by released by user:default\/amira.haddad/,
        ),
      });
      expect(Date.parse(settled.body.outcomeLearnedAt)).toBeGreaterThan(
        Date.parse(unknown.requestedAt) - 1,
      );
      expect((await release(AMIRA)).status).toBe(409);
      // The lock went with the outcome.
      expect(
        (await promote({ alias: 'challenger', version: '3', reason: 'again' }))
          .status,
      ).toBe(201);
    });

    it('dry-run reports the plan and records and moves nothing', async () => {
      const res = await promote({
        alias: 'champion',
        version: '6',
        reason: 'dry',
        dryRun: true,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        fromVersion: '4',
        toVersion: '6',
        needsApproval: true,
        gatesPassed: true,
      });
      expect(await history()).toEqual([]);
      expect(t.fake.getAlias('fraud-detector', 'champion')).toBe('4');
    });

    it('lets exactly one of two simultaneous promotions of an alias through', async () => {
      // Both callers saw v6; whichever comes second meets the lock or the moved alias.
      const [a, b] = await Promise.all([
        promote({
          alias: 'challenger',
          version: '3',
          reason: 'race a',
          expectedCurrentVersion: '6',
        }),
        promote(
          {
            alias: 'challenger',
            version: '4',
            reason: 'race b',
            expectedCurrentVersion: '6',
          },
          JONAS,
        ),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      const winner = a.status === 201 ? a.body : b.body;
      expect(t.fake.getAlias('fraud-detector', 'challenger')).toBe(
        winner.toVersion,
      );
      const items = await history();
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        state: 'completed',
        toVersion: winner.toVersion,
      });
    });
  });

  describe('POST rollbacks', () => {
    it('answers 409 when there is nothing to roll back to', async () => {
      const res = await request(t.backend.server)
        .post(`${base}/rollbacks`)
        .set('Authorization', as(AMIRA))
        .send({ alias: 'champion', reason: 'panic' });
      expect(res.status).toBe(409);
    });
  });
});
