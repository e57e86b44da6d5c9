import express, { Router } from 'express';
import { KfpFake } from './KfpFake';
import { seedKfp } from './seedKfp';

/**
 * DEMO STAND-IN for the Kubeflow Pipelines API server (`/apis/v2beta1`): `healthz`, and pipelines and runs from
 * {@link KfpFake}, seeded with the example pipelines.
 */
export function kfpRouter(fake: KfpFake = seededFake()): Router {
  const router = Router();
  router.get('/apis/v2beta1/healthz', (_req, res) => {
    res.json({
      commit_sha: 'sandbox',
      tag_name: '2.3.0-sandbox',
      multi_user: false,
    });
  });
  router.use('/apis/v2beta1', express.json(), (req, res) => {
    const url = new URL(req.originalUrl, 'http://sandbox');
    // `:terminate`-style custom verbs are part of the path in gRPC-gateway URLs.
    const answer = fake.handle(
      req.method,
      req.path,
      url.searchParams,
      req.body,
    );
    res.status(answer.status).json(answer.body);
  });
  return router;
}

function seededFake() {
  const fake = new KfpFake();
  seedKfp(fake);
  return fake;
}
