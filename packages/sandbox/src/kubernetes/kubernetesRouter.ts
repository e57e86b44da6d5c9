import express, { Router } from 'express';
import { KubernetesFake } from './KubernetesFake';
import { seedKubernetes } from './seedKubernetes';

/** The token the sandbox's Kubernetes stand-in accepts; app-config.yaml's sandbox cluster sends it. */
export const SANDBOX_KUBERNETES_TOKEN = 'sandbox-token';

/**
 * DEMO STAND-IN for a Kubernetes API server: `/healthz`, `/version`, and core, apps and custom resources
 * (SeldonDeployment, InferenceService) from {@link KubernetesFake}, seeded with the example models' serving.
 */
export function kubernetesRouter(fake: KubernetesFake = seededFake()): Router {
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
  router.use(
    ['/api', '/apis'],
    express.text({ type: () => true, limit: '1mb' }),
    (req, res) => {
      const url = new URL(req.originalUrl, 'http://sandbox');
      const answer = fake.handle({
        method: req.method,
        path: `${req.baseUrl.replace(/^.*\/(apis?)$/, '/$1')}${req.path}`,
        query: url.searchParams,
        authorization: req.headers.authorization,
        body: typeof req.body === 'string' ? req.body : undefined,
      });
      for (const warning of answer.warnings ?? []) {
        res.append('Warning', `299 - ${JSON.stringify(warning)}`);
      }
      res.status(answer.status).json(answer.body);
    },
  );
  return router;
}

function seededFake() {
  const fake = new KubernetesFake(SANDBOX_KUBERNETES_TOKEN);
  seedKubernetes(fake);
  return fake;
}
