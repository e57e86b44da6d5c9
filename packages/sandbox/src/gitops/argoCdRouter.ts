import express from 'express';
import { GitOpsControllerFake } from './GitOpsControllerFake';

/** The bearer token the Argo CD stand-in takes. */
export const SANDBOX_ARGOCD_TOKEN = 'sandbox-argocd-token';

/**
 * DEMO STAND-IN: Argo CD's `GET /api/v1/applications/{name}` for the Applications of the GitOps controller
 * stand-in, with Argo CD's (grpc-gateway) error bodies `{error, code, message}`.
 */
export function argoCdRouter(controller: GitOpsControllerFake): express.Router {
  const router = express.Router();
  router.get('/api/v1/applications/:name', (req, res) => {
    if (req.headers.authorization !== `Bearer ${SANDBOX_ARGOCD_TOKEN}`) {
      res.status(401).json({
        error: 'no session information',
        code: 16,
        message: 'no session information',
      });
      return;
    }
    const app = controller.application(req.params.name);
    if (!app) {
      const message = `applications.argoproj.io "${req.params.name}" not found`;
      res.status(404).json({ error: message, code: 5, message });
      return;
    }
    res.json(app);
  });
  return router;
}
