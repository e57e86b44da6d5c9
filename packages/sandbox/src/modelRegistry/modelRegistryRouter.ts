import express, { Router } from 'express';
import { ModelRegistryFake } from './ModelRegistryFake';
import { seedModelRegistry } from './seedModelRegistry';

/** DEMO ONLY: the bearer token the sandbox's Model Registry stand-in accepts (app-config.yaml sends it). */
export const SANDBOX_MODEL_REGISTRY_TOKEN = 'sandbox-model-registry-token';

/**
 * DEMO STAND-IN for a Kubeflow Model Registry: a health check (`GET /health` → `OK`, the stand-in's own) and the
 * REST API under `/api/model_registry/v1alpha3`, served by {@link ModelRegistryFake} with the example models'
 * registry and a bearer token check.
 */
export function modelRegistryRouter(
  fake: ModelRegistryFake = seededFake(),
): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.type('text/plain').send('OK');
  });
  router.use(
    '/api/model_registry/v1alpha3',
    express.text({ type: () => true }),
    (req, res) => {
      const url = new URL(req.originalUrl, 'http://sandbox');
      const answer = fake.handle({
        method: req.method,
        path: req.path,
        query: url.searchParams,
        authorization: req.headers.authorization,
        body: typeof req.body === 'string' ? req.body : undefined,
      });
      res.status(answer.status).json(answer.body);
    },
  );
  return router;
}

function seededFake() {
  const fake = new ModelRegistryFake(SANDBOX_MODEL_REGISTRY_TOKEN);
  seedModelRegistry(fake);
  return fake;
}
