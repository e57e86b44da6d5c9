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

  it('answers unknown paths with 404', async () => {
    expect((await request(app).get('/mlflow/nope')).status).toBe(404);
  });
});
