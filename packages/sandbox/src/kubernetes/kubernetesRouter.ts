import { Router } from 'express';

/**
 * DEMO STAND-IN for a Kubernetes API server. Answers `/healthz` and `/version` as kube-apiserver does; Seldon
 * and KServe resources arrive with the canary work.
 */
export function kubernetesRouter(): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.type('text/plain').send('ok');
  });
  router.get('/version', (_req, res) => {
    res.json({
      major: '1',
      minor: '30',
      gitVersion: 'v1.30.0-sandbox',
      platform: 'linux/amd64',
    });
  });
  return router;
}
