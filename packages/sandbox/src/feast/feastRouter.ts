import { Router } from 'express';
import { FeastRegistryFake } from './FeastRegistryFake';
import { seedFeast } from './seedFeast';

/**
 * DEMO STAND-IN for Feast: the REST registry server's `/api/v1` (from {@link FeastRegistryFake}, seeded with the
 * example feature views) and the feature server's `GET /health`.
 */
export function feastRouter(fake: FeastRegistryFake = seededFake()): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  router.get('/api/v1/*', (req, res) => {
    const url = new URL(req.originalUrl, 'http://sandbox');
    const answer = fake.handle(
      req.path.slice('/api/v1'.length),
      url.searchParams,
    );
    res.status(answer.status).json(answer.body);
  });
  return router;
}

function seededFake() {
  const fake = new FeastRegistryFake();
  seedFeast(fake);
  return fake;
}
