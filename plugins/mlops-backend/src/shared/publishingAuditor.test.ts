import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { EventParams, eventsServiceRef } from '@backstage/plugin-events-node';
import request from 'supertest';
import { mlopsRouteHarness } from '../__testUtils__/mlopsRouteHarness';
import { AMIRA, JONAS, MALLORY } from '../__testUtils__/startMlopsBackend';

const t = mlopsRouteHarness();

const as = (user: string) => mockCredentials.user.header(user);
const base = '/api/mlops/v1/entities/model/default/fraud-detector';
const entityRef = 'model:default/fraud-detector';

/* Events out: every audited change that succeeded is published on the `mlops` topic, as the README documents. */
describe('mlops events topic', () => {
  let received: EventParams[];
  beforeEach(async () => {
    received = [];
    const events = mockServices.events();
    await events.subscribe({
      id: 'test-subscriber',
      topics: ['mlops'],
      onEvent: async event => {
        received.push(event);
      },
    });
    await t.restart({
      features: [
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
      ],
    });
  });

  const post = (path: string, user: string, body: object) =>
    request(t.backend.server)
      .post(path)
      .set('Authorization', as(user))
      .send(body);

  it('publishes a promotion, a pending request and its approval, each with entity, actor, time and details', async () => {
    const before = Date.now();
    const moved = await post(`${base}/promotions`, JONAS, {
      alias: 'challenger',
      version: '3',
      reason: 'shadow test v3',
    });
    expect(moved.status).toBe(201);
    const requested = await post(`${base}/promotions`, AMIRA, {
      alias: 'champion',
      version: '6',
      reason: 'v6 beats v4',
      expectedCurrentVersion: '4',
    });
    expect(requested.status).toBe(201);
    const approved = await post(
      `/api/mlops/v1/promotions/${requested.body.id}/approve`,
      JONAS,
      { comment: 'checked' },
    );
    expect(approved.status).toBe(200);

    expect(received.map(e => e.topic)).toEqual(['mlops', 'mlops', 'mlops']);
    expect(received.map(e => e.eventPayload)).toEqual([
      {
        type: 'model-promotion',
        entityRef,
        actor: JONAS,
        time: expect.any(String),
        details: expect.objectContaining({
          alias: 'challenger',
          version: '3',
          reason: 'shadow test v3',
          promotionId: moved.body.id,
          state: 'completed',
        }),
      },
      {
        type: 'model-promotion',
        entityRef,
        actor: AMIRA,
        time: expect.any(String),
        details: expect.objectContaining({
          alias: 'champion',
          promotionId: requested.body.id,
          state: 'pending_approval',
        }),
      },
      {
        type: 'model-promotion-approval',
        entityRef,
        actor: JONAS,
        time: expect.any(String),
        details: expect.objectContaining({
          id: requested.body.id,
          state: 'completed',
        }),
      },
    ]);
    const time = Date.parse((received[0].eventPayload as any).time);
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
  });

  it('publishes nothing for a dry run or a refused change', async () => {
    const dryRun = await post(`${base}/promotions`, JONAS, {
      alias: 'challenger',
      version: '3',
      reason: 'what if',
      dryRun: true,
    });
    expect(dryRun.status).toBe(200);
    const refused = await post(`${base}/promotions`, MALLORY, {
      alias: 'challenger',
      version: '3',
      reason: 'let me',
    });
    expect(refused.status).toBe(403);
    expect(received).toEqual([]);
  });
});
