import { Router } from 'express';

/**
 * DEMO STAND-IN for the Kubeflow Pipelines API server (`/apis/v2beta1`). Answers `GET /apis/v2beta1/healthz`.
 */
export function kfpRouter(): Router {
  const router = Router();
  router.get('/apis/v2beta1/healthz', (_req, res) => {
    res.json({
      commit_sha: 'sandbox',
      tag_name: '2.3.0-sandbox',
      multi_user: false,
    });
  });
  return router;
}
