import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { AMIRA } from './startMlopsBackend';

/** Where `fraudDetectorModel()` is served once its `spec.serving.cluster` is the sandbox's. */
export const FRAUD_DETECTOR_TARGET = {
  cluster: 'sandbox',
  namespace: 'fraud',
  name: 'fraud-detector',
};

/** A claim on serving traffic by a rollout this portal does not know: another portal's, or one whose database is gone. */
export const LOST_CLAIM = {
  rolloutId: 'lost-rollout',
  instanceId: 'https://old.portal',
};

/**
 * The live serving routes of `fraudDetectorModel()` and the rollout start, as Amira (or `user`) calls them, over
 * supertest, on the backend the harness runs now (read at each call, since the route harness starts a new one per
 * test).
 */
export function servingRoutesClient(harness: {
  backend: { server: Parameters<typeof request>[0] };
}) {
  const serving = '/api/mlops/v1/entities/model/default/fraud-detector/serving';
  const as = (user: string) => mockCredentials.user.header(user);
  return {
    /** `GET …/serving`: the live split and who drives it. */
    readServing: (user = AMIRA) =>
      request(harness.backend.server)
        .get(serving)
        .set('Authorization', as(user)),
    /** `POST …/serving/return-to-stable`. */
    returnToStable: (body: object, user = AMIRA) =>
      request(harness.backend.server)
        .post(`${serving}/return-to-stable`)
        .set('Authorization', as(user))
        .send(body),
    /** `POST /v1/rollouts`; by default v6 of the Model. */
    startRollout: (
      body: object = {
        entityRef: 'model:default/fraud-detector',
        version: '6',
      },
      user = AMIRA,
    ) =>
      request(harness.backend.server)
        .post('/api/mlops/v1/rollouts')
        .set('Authorization', as(user))
        .send(body),
  };
}
