import express, { Router } from 'express';
import { MlflowFake } from './MlflowFake';
import { seedMlflow } from './seedMlflow';

/**
 * DEMO STAND-IN for an MLflow tracking server: the health check (`GET /health` → `OK`) and the REST API 2.0
 * under `/api/2.0/mlflow` (and the UI's `/ajax-api/2.0/mlflow` alias), and the artifact proxy's downloads
 * (`/api/2.0/mlflow-artifacts/artifacts/…`), served by {@link MlflowFake} with the example models' registry.
 */
export function mlflowRouter(fake: MlflowFake = seededFake()): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.type('text/plain').send('OK');
  });
  router.use(
    ['/api/2.0/mlflow', '/ajax-api/2.0/mlflow'],
    express.text({ type: () => true }),
    (req, res) => {
      const url = new URL(req.originalUrl, 'http://sandbox');
      const answer = fake.handle({
        method: req.method,
        path: req.path,
        query: url.searchParams,
        contentType: req.headers['content-type'],
        body: typeof req.body === 'string' ? req.body : undefined,
      });
      res.status(answer.status).type(answer.contentType).send(answer.body);
    },
  );
  router.use('/api/2.0/mlflow-artifacts/artifacts', (req, res) => {
    const answer = fake.handleArtifactDownload(
      req.method,
      decodeURIComponent(req.path.replace(/^\/+/, '')),
    );
    res.status(answer.status).type(answer.contentType).send(answer.body);
  });
  return router;
}

function seededFake() {
  const fake = new MlflowFake();
  seedMlflow(fake);
  return fake;
}
