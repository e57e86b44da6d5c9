import { RequestHandler, Router } from 'express';

/** One write the sandbox answered: when, what, the raw body the stand-in parsed, and its answer's status. */
export type SandboxWrite = {
  at: string;
  method: string;
  path: string;
  status: number;
  body?: string;
};

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** SeldonDeployments are a few kB; anything far larger is kept without its body. */
const MAX_BODY_CHARS = 256 * 1024;

/**
 * DEMO ONLY: remembers every write (anything but GET/HEAD/OPTIONS) the sandbox's stand-ins answered, so a test
 * driving real backends over HTTP can count what reached "the cluster" and "MLflow" (e.g. that two replicas
 * changed a canary's traffic once per step). Kept in memory for the process's life, like the stand-ins' state.
 */
export class WriteLog {
  private readonly writes: SandboxWrite[] = [];

  /** Notes each write once it is answered, when the stand-in's own body parser has read its body. */
  recorder(): RequestHandler {
    return (req, res, next) => {
      if (!READS.has(req.method)) {
        const at = new Date().toISOString();
        res.once('finish', () => {
          const body =
            typeof req.body === 'string' && req.body.length <= MAX_BODY_CHARS
              ? req.body
              : undefined;
          this.writes.push({
            at,
            method: req.method,
            path: req.originalUrl.split('?')[0],
            status: res.statusCode,
            ...(body === undefined ? {} : { body }),
          });
        });
      }
      next();
    };
  }

  /** `GET /requests` → `{writes}`, oldest first. */
  router(): Router {
    const router = Router();
    router.get('/requests', (_req, res) => {
      res.json({ writes: this.writes });
    });
    return router;
  }
}
