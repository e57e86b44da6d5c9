import { HttpAuthService } from '@backstage/backend-plugin-api';
import { entityRefOf } from '../shared/routeHelpers';
import { FeatureViewStatusService } from './FeatureViewStatusService';
import { MlopsApiRouter } from '../schema/MlopsApiRouter';

/**
 * Read-only route of a FeatureView: `GET …/entities/featureview/:namespace/:name/feast`, the view as Feast's
 * registry holds it now (schema, source, TTL, materializations, staleness, differences from the catalog).
 */
export function featureViewRoutes(
  router: MlopsApiRouter,
  options: {
    httpAuth: HttpAuthService;
    featureViews: FeatureViewStatusService;
  },
) {
  router.get('/v1/entities/:kind/:namespace/:name/feast', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req);
    res.json(await options.featureViews.status(entityRefOf(req), credentials));
  });
}
