import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { mlopsRouteHarness } from '../__testUtils__/mlopsRouteHarness';
import {
  AMIRA,
  JONAS,
  MALLORY,
  RecordedAuditEvent,
} from '../__testUtils__/startMlopsBackend';

const t = mlopsRouteHarness();

const as = (user: string) => mockCredentials.user.header(user);
const entityRef = 'model:default/fraud-detector';

/* The README's promise: every state-changing request is an audit event naming who did it to which entity. */
describe('audit events', () => {
  let events: RecordedAuditEvent[];
  beforeEach(async () => {
    events = [];
    await t.restart({ auditEvents: events });
  });

  it('records a promotion as initiated and succeeded, by its user, on its entity, with the outcome', async () => {
    const res = await request(t.backend.server)
      .post(`/api/mlops/v1/entities/model/default/fraud-detector/promotions`)
      .set('Authorization', as(JONAS))
      .send({ alias: 'challenger', version: '3', reason: 'shadow test v3' });
    expect(res.status).toBe(201);
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'model-promotion',
        status: 'initiated',
        actorId: JONAS,
        meta: expect.objectContaining({
          entityRef,
          alias: 'challenger',
          version: '3',
        }),
      }),
      expect.objectContaining({
        eventId: 'model-promotion',
        status: 'succeeded',
        actorId: JONAS,
        meta: expect.objectContaining({
          entityRef,
          promotionId: res.body.id,
          state: 'completed',
        }),
      }),
    ]);
  });

  it('records a refused promotion as failed, naming who tried', async () => {
    const res = await request(t.backend.server)
      .post(`/api/mlops/v1/entities/model/default/fraud-detector/promotions`)
      .set('Authorization', as(MALLORY))
      .send({ alias: 'challenger', version: '3', reason: 'let me' });
    expect(res.status).toBe(403);
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'model-promotion',
        status: 'initiated',
        actorId: MALLORY,
      }),
      expect.objectContaining({
        eventId: 'model-promotion',
        status: 'failed',
        actorId: MALLORY,
        meta: expect.objectContaining({ entityRef }),
        error: expect.any(String),
      }),
    ]);
  });

  it('records a rollout start by its user, on its entity, with the rollout it started', async () => {
    const res = await request(t.backend.server)
      .post('/api/mlops/v1/rollouts')
      .set('Authorization', as(AMIRA))
      .send({ entityRef: 'Model:default/fraud-detector', version: '6' });
    expect(res.status).toBe(201);
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'model-rollout-start',
        status: 'initiated',
        actorId: AMIRA,
        meta: expect.objectContaining({ entityRef, version: '6' }),
      }),
      expect.objectContaining({
        eventId: 'model-rollout-start',
        status: 'succeeded',
        actorId: AMIRA,
        meta: expect.objectContaining({
          entityRef,
          version: '6',
          rolloutId: res.body.id,
          state: 'Progressing',
        }),
      }),
    ]);
  });
});
