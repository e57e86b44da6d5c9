import { HttpAuthService } from '@backstage/backend-plugin-api';
import { healthSeriesQuerySchema } from '@mlops-portal/plugin-mlops-common';
import { entityRefOf, parse } from '../shared/routeHelpers';
import { RetrainingService } from './retraining/RetrainingService';
import { ModelHealthService } from './ModelHealthService';
import { MlopsApiRouter } from '../schema/MlopsApiRouter';

/**
 * Read-only health routes of a Model: `GET …/health` (status, per-predictor traffic, alerts, drift),
 * `GET …/health/series?metric=&range=` (time series for charts) and `GET …/retraining` (runs started on drift). The queries are built on the server from the
 * entity and config; the browser only picks a metric and a range from fixed lists.
 */
export function healthRoutes(
  router: MlopsApiRouter,
  options: {
    httpAuth: HttpAuthService;
    health: ModelHealthService;
    retraining: RetrainingService;
  },
) {
  const entity = '/v1/entities/:kind/:namespace/:name';
  router.get(`${entity}/health`, async (req, res) => {
    const credentials = await options.httpAuth.credentials(req);
    res.json(await options.health.health(entityRefOf(req), credentials));
  });
  router.get(`${entity}/retraining`, async (req, res) => {
    const credentials = await options.httpAuth.credentials(req);
    res.json({
      items: await options.retraining.history(entityRefOf(req), credentials),
    });
  });
  router.get(`${entity}/health/series`, async (req, res) => {
    const credentials = await options.httpAuth.credentials(req);
    const { metric, range } = parse(
      healthSeriesQuerySchema,
      req.query,
      'query',
    );
    res.json(
      await options.health.series(
        entityRefOf(req),
        metric,
        range ?? '1h',
        credentials,
      ),
    );
  });
}
