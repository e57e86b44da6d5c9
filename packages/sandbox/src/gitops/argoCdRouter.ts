import express from 'express';
import { GitOpsControllerFake } from './GitOpsControllerFake';

/** The bearer token the Argo CD stand-in takes. */
export const SANDBOX_ARGOCD_TOKEN = 'sandbox-argocd-token';

/**
 * DEMO STAND-IN: Argo CD's `GET /api/v1/applications/{name}` for the Applications of the GitOps controller
 * stand-in, with Argo CD's (grpc-gateway) error bodies `{error, code, message}`, and a plain page at
 * `/applications/{name}` where Argo CD's UI shows the Application.
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
  // The web page the portal links to (Argo CD's UI lives at `/applications/{name}`): here a plain page saying
  // what the API says, so a demo's link lands somewhere honest.
  router.get('/applications/:name', (req, res) => {
    const app = controller.application(req.params.name) as any;
    if (!app) {
      res.status(404).type('text/plain').send('Application not found');
      return;
    }
    const text = (value: unknown) =>
      String(value ?? '').replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
    res
      .type('html')
      .send(
        `<!doctype html><title>${text(
          app.metadata.name,
        )} - Argo CD (demo stand-in)</title><h1>${text(
          app.metadata.name,
        )}</h1><p>DEMO STAND-IN for Argo CD's application page.</p><dl><dt>Sync</dt><dd>${text(
          app.status.sync.status,
        )}</dd><dt>Health</dt><dd>${text(
          app.status.health.status,
        )}</dd><dt>Revision</dt><dd>${text(
          app.status.sync.revision,
        )}</dd><dt>Source</dt><dd>${text(app.spec.source.repoURL)} ${text(
          app.spec.source.path,
        )} @ ${text(app.spec.source.targetRevision)}</dd></dl>`,
      );
  });
  return router;
}
