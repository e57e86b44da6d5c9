import request from 'supertest';
import { createSandboxApp, sandboxServices } from './createSandboxApp';

describe('sandbox', () => {
  const app = createSandboxApp();

  it.each(sandboxServices.map(s => [s.name, s.health]))(
    'answers the %s health check at %s',
    async (_name, path) => {
      const res = await request(app).get(path);
      expect(res.status).toBe(200);
      expect(res.headers['x-demo-stand-in']).toBe('mlops-portal-sandbox');
    },
  );

  it('marks itself as a demo stand-in at its root', async () => {
    const res = await request(app).get('/');
    expect(res.body.notice).toMatch(/DEMO STAND-IN/);
    expect(res.body.services.map((s: { name: string }) => s.name)).toEqual(
      sandboxServices.map(s => s.name),
    );
  });

  it('serves a metrics counter that moves with every scrape', async () => {
    const first = await request(app).get('/model-metrics/metrics');
    const second = await request(app).get('/model-metrics/metrics');
    const count = (text: string) =>
      Number(/^sandbox_metrics_scrapes_total (\d+)$/m.exec(text)![1]);
    expect(count(second.text)).toBe(count(first.text) + 1);
  });

  it('lists the writes it answered, not the reads, at /debug/requests', async () => {
    const fresh = createSandboxApp();
    await request(fresh).get('/mlflow/health');
    await request(fresh)
      .post('/mlflow/api/2.0/mlflow/registered-models/alias')
      .set('Content-Type', 'application/json')
      .send({ name: 'fraud-detector', alias: 'challenger', version: '3' });
    await request(fresh)
      .post('/mlflow/api/2.0/mlflow/registered-models/alias')
      .set('Content-Type', 'application/json')
      .send({ name: 'nope', alias: 'challenger', version: '3' });
    const res = await request(fresh).get('/debug/requests');
    expect(
      res.body.writes.map(
        (w: { method: string; path: string; status: number; body: string }) => [
          w.method,
          w.path,
          w.status,
          JSON.parse(w.body).name,
        ],
      ),
    ).toEqual([
      [
        'POST',
        '/mlflow/api/2.0/mlflow/registered-models/alias',
        200,
        'fraud-detector',
      ],
      ['POST', '/mlflow/api/2.0/mlflow/registered-models/alias', 404, 'nope'],
    ]);
  });

  it("serves the fraud champion's drift reference as MLflow serves run artifacts", async () => {
    const version = await request(app)
      .get('/mlflow/api/2.0/mlflow/model-versions/get')
      .query({ name: 'fraud-detector', version: '4' });
    const runId = version.body.model_version.run_id;
    const listed = await request(app)
      .get('/mlflow/api/2.0/mlflow/artifacts/list')
      .query({ run_id: runId, path: 'drift' });
    expect(listed.body).toEqual({
      root_uri: `mlflow-artifacts:/1/${runId}/artifacts`,
      files: [
        {
          path: 'drift/reference.json',
          is_dir: false,
          file_size: expect.any(Number),
        },
      ],
    });
    const file = await request(app).get(
      `/mlflow/api/2.0/mlflow-artifacts/artifacts/1/${runId}/artifacts/drift/reference.json`,
    );
    expect(file.status).toBe(200);
    const reference = JSON.parse(file.text);
    expect(reference.format).toBe('mlops-drift-reference/v1');
    // The buckets and categories of the features the sandbox's model server exports.
    expect(Object.keys(reference.numerical).sort()).toEqual([
      'chargeback_rate_30d',
      'distinct_merchants_7d',
      'merchant_risk_score',
      'txn_amount_sum_24h',
      'txn_count_1h',
    ]);
    expect(reference.numerical.txn_count_1h.upperBounds).toEqual([
      0,
      1,
      2,
      3,
      4,
      5,
      6,
      8,
      10,
      15,
      '+Inf',
    ]);
    expect(Object.keys(reference.categorical).sort()).toEqual([
      'home_country_mismatch',
      'merchant_category_code',
    ]);
    // The challenger's run logged none.
    const challenger = await request(app)
      .get('/mlflow/api/2.0/mlflow/model-versions/get')
      .query({ name: 'fraud-detector', version: '6' });
    const none = await request(app)
      .get('/mlflow/api/2.0/mlflow/artifacts/list')
      .query({ run_id: challenger.body.model_version.run_id, path: 'drift' });
    expect(none.body).toEqual({
      root_uri: `mlflow-artifacts:/1/${challenger.body.model_version.run_id}/artifacts`,
    });
  });

  it('answers unknown paths with 404', async () => {
    expect((await request(app).get('/mlflow/nope')).status).toBe(404);
  });
});
