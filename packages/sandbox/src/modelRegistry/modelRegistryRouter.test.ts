import request from 'supertest';
import { createSandboxApp } from '../createSandboxApp';
import { SANDBOX_MODEL_REGISTRY_TOKEN } from './modelRegistryRouter';

describe('the sandbox Kubeflow Model Registry stand-in', () => {
  const app = createSandboxApp();
  const api = '/model-registry/api/model_registry/v1alpha3';
  const auth = `Bearer ${SANDBOX_MODEL_REGISTRY_TOKEN}`;

  it('refuses a request without its token with the registry error shape', async () => {
    const res = await request(app).get(`${api}/registered_models`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: '', message: expect.any(String) });
  });

  it('serves the seeded churn-predictor with its alias properties and typed version properties', async () => {
    const model = await request(app)
      .get(`${api}/registered_model`)
      .query({ name: 'churn-predictor' })
      .set('Authorization', auth);
    expect(model.status).toBe(200);
    expect(model.body.customProperties['mlops.alias.champion']).toEqual({
      metadataType: 'MetadataStringValue',
      string_value: '2',
    });
    const versions = await request(app)
      .get(`${api}/registered_models/${model.body.id}/versions`)
      .query({ pageSize: '2' })
      .set('Authorization', auth);
    expect(versions.body).toMatchObject({
      pageSize: 2,
      size: 2,
      nextPageToken: expect.stringMatching(/.+/),
    });
    expect(versions.body.items[0].customProperties).toMatchObject({
      auc: { metadataType: 'MetadataDoubleValue', double_value: 0.79 },
      training_rows: { metadataType: 'MetadataIntValue', int_value: '1180000' },
      fairness_review_passed: {
        metadataType: 'MetadataBoolValue',
        bool_value: true,
      },
    });
    const last = await request(app)
      .get(`${api}/registered_models/${model.body.id}/versions`)
      .query({ pageSize: '2', nextPageToken: versions.body.nextPageToken })
      .set('Authorization', auth);
    expect(last.body).toMatchObject({ size: 1, nextPageToken: '' });
  });

  it('answers 400 for parameters and bodies the spec does not allow', async () => {
    for (const query of [
      { pageSize: '0' },
      { orderBy: 'NAME' },
      { nextPageToken: 'garbage' },
    ]) {
      const res = await request(app)
        .get(`${api}/registered_models`)
        .query(query)
        .set('Authorization', auth);
      expect(res.status).toBe(400);
    }
    const patch = await request(app)
      .patch(`${api}/registered_models/1`)
      .set('Authorization', auth)
      .set('Content-Type', 'application/json')
      .send({ aliases: {} });
    expect(patch.status).toBe(400);
    expect(patch.body.message).toBe('json: unknown field "aliases"');
  });
});
