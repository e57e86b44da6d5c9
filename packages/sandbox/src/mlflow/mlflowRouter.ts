import { Router } from 'express';

/**
 * DEMO STAND-IN for an MLflow tracking server. Answers the health check the way `mlflow server` does
 * (`GET /health` → `OK`); the registry API arrives with the model-registry work.
 */
export function mlflowRouter(): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.type('text/plain').send('OK');
  });
  return router;
}
