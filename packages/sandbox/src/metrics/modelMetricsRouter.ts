import express, { Router } from 'express';
import { ServingOperatorFake } from '../kubernetes/ServingOperatorFake';
import { FeatureValueSimulator } from './FeatureValueSimulator';
import { SeldonTrafficSimulator } from './SeldonTrafficSimulator';

/**
 * DEMO STAND-IN for a served model's metrics endpoint, in the Prometheus text exposition format: Seldon executor
 * histograms from the {@link SeldonTrafficSimulator}, plus the sandbox's own uptime and scrape count.
 * `POST /canary {"healthy": false}` makes canary predictors answer slowly and with errors; the
 * {@link FeatureValueSimulator}'s feature histograms come too, and `POST /drift {"drifted": true}` shifts them.
 * `POST /outcomes {"canary": 0.2}` sets a predictor's success rate for A/B tests.
 * `POST /predictions {"candidate": "shifted"}` makes canary and shadow predictors predict unlike stable, and
 * `POST /readiness {"unreadyVersions": ["6"]}` makes predictors serving those versions never become ready, and
 * `{"erroringVersions": ["6"]}` makes their model servers answer predictions with 500.
 */
export function modelMetricsRouter(
  simulator?: SeldonTrafficSimulator,
  features?: FeatureValueSimulator,
  operator?: ServingOperatorFake,
): Router {
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
          simulator?.exposition() ?? '',
          features?.exposition() ?? '',
        ].join('\n'),
      );
  });
  router.get('/canary', (_req, res) => {
    res.json({ healthy: simulator?.canaryHealthy ?? true });
  });
  router.post('/canary', express.json(), (req, res) => {
    if (!simulator || typeof req.body?.healthy !== 'boolean') {
      res.status(400).json({ error: 'send {"healthy": true|false}' });
      return;
    }
    simulator.canaryHealthy = req.body.healthy;
    res.json({ healthy: simulator.canaryHealthy });
  });
  router.get('/outcomes', (_req, res) => {
    res.json(simulator?.successRates ?? {});
  });
  router.post('/outcomes', express.json(), (req, res) => {
    const rates = req.body ?? {};
    const valid = (v: unknown) =>
      v === undefined || (typeof v === 'number' && v >= 0 && v <= 1);
    if (!simulator || !valid(rates.stable) || !valid(rates.canary)) {
      res
        .status(400)
        .json({ error: 'send {"stable"?: 0..1, "canary"?: 0..1}' });
      return;
    }
    simulator.successRates = { ...simulator.successRates, ...rates };
    res.json(simulator.successRates);
  });
  router.get('/predictions', (_req, res) => {
    res.json({ candidate: simulator?.candidatePredictions });
  });
  router.post('/predictions', express.json(), (req, res) => {
    const candidate = req.body?.candidate;
    if (!simulator || (candidate !== 'similar' && candidate !== 'shifted')) {
      res
        .status(400)
        .json({ error: 'send {"candidate": "similar"|"shifted"}' });
      return;
    }
    simulator.candidatePredictions = candidate;
    res.json({ candidate });
  });
  const serving = () => ({
    unreadyVersions: [...(operator?.unreadyVersions ?? [])],
    erroringVersions: [...(operator?.erroringVersions ?? [])],
  });
  router.get('/readiness', (_req, res) => {
    res.json(serving());
  });
  router.post('/readiness', express.json(), (req, res) => {
    const { unreadyVersions, erroringVersions } = req.body ?? {};
    const valid = (v: unknown) =>
      v === undefined ||
      (Array.isArray(v) && v.every(x => typeof x === 'string'));
    if (!operator || !valid(unreadyVersions) || !valid(erroringVersions)) {
      res.status(400).json({
        error:
          'send {"unreadyVersions"?: ["6", …], "erroringVersions"?: [...]}',
      });
      return;
    }
    if (unreadyVersions) operator.unreadyVersions = new Set(unreadyVersions);
    if (erroringVersions) operator.erroringVersions = new Set(erroringVersions);
    res.json(serving());
  });
  router.get('/drift', (_req, res) => {
    res.json({ drifted: features?.drifted ?? false });
  });
  router.post('/drift', express.json(), (req, res) => {
    if (!features || typeof req.body?.drifted !== 'boolean') {
      res.status(400).json({ error: 'send {"drifted": true|false}' });
      return;
    }
    features.drifted = req.body.drifted;
    res.json({ drifted: features.drifted });
  });
  return router;
}
