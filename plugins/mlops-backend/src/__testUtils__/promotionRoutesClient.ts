import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { AMIRA } from './startMlopsBackend';

/** The routes of the example Model, `fraudDetectorModel()`. */
export const FRAUD_DETECTOR_ROUTES =
  '/api/mlops/v1/entities/model/default/fraud-detector';

/**
 * The request most promotion tests start from: champion from the seeded v4 to v6, a protected alias, so it waits
 * for approval (or, in pull-request mode, for its pull request).
 */
export const CHAMPION_REQUEST = {
  alias: 'champion',
  version: '6',
  reason: 'v6 beats v4 on AUC',
  expectedCurrentVersion: '4',
};

/**
 * The promotion routes as a person calls them, over supertest, on the backend the harness runs now (read at each
 * call, since the route harness starts a new one per test). `base` is the Model's routes.
 */
export function promotionRoutesClient(
  harness: { backend: { server: Parameters<typeof request>[0] } },
  base = FRAUD_DETECTOR_ROUTES,
) {
  const as = (user: string) => mockCredentials.user.header(user);
  /** `POST …/promotions` as `user`. */
  const promote = (body: object, user = AMIRA) =>
    request(harness.backend.server)
      .post(`${base}/promotions`)
      .set('Authorization', as(user))
      .send(body);
  return {
    promote,
    /** `CHAMPION_REQUEST`, as Amira. */
    requestChampion: () => promote(CHAMPION_REQUEST),
    /** The Model's promotion history's items (`GET …/promotions`). */
    history: async () =>
      (
        await request(harness.backend.server)
          .get(`${base}/promotions`)
          .set('Authorization', as(AMIRA))
      ).body.items,
    /** `POST /v1/promotions/:id/approve` or `…/reject` as `user`. */
    decide: (
      id: string,
      decision: 'approve' | 'reject',
      user: string,
      comment = `${decision} by ${user}`,
    ) =>
      request(harness.backend.server)
        .post(`/api/mlops/v1/promotions/${id}/${decision}`)
        .set('Authorization', as(user))
        .send({ comment }),
  };
}
