import { Router } from 'express';

/**
 * DEMO STAND-IN for a Feast feature server (`feast serve`). Answers `GET /health` with 200.
 */
export function feastRouter(): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  return router;
}
