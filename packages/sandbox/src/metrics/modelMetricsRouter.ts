import { Router } from 'express';

/**
 * DEMO STAND-IN for a served model's metrics endpoint, in the Prometheus text exposition format. For now it
 * exposes how many requests the sandbox has answered, so a scrape sees a live, moving counter.
 */
export function modelMetricsRouter(): Router {
  const router = Router();
  const startedAt = Date.now();
  let scrapes = 0;
  router.get('/metrics', (_req, res) => {
    scrapes += 1;
    res
      .type('text/plain; version=0.0.4')
      .send(
        [
          '# HELP sandbox_up Whether the sandbox stand-in is serving.',
          '# TYPE sandbox_up gauge',
          'sandbox_up 1',
          '# HELP sandbox_metrics_scrapes_total Scrapes of this endpoint since the sandbox started.',
          '# TYPE sandbox_metrics_scrapes_total counter',
          `sandbox_metrics_scrapes_total ${scrapes}`,
          '# HELP sandbox_uptime_seconds Seconds since the sandbox started.',
          '# TYPE sandbox_uptime_seconds gauge',
          `sandbox_uptime_seconds ${((Date.now() - startedAt) / 1000).toFixed(
            3,
          )}`,
          '',
        ].join('\n'),
      );
  });
  return router;
}
