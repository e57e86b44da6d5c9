import { HttpAuthService } from '@backstage/backend-plugin-api';
import { entityRefOf } from '../shared/routeHelpers';
import { MlopsApiRouter } from '../schema/MlopsApiRouter';
import { ModelCardService } from './ModelCardService';

/**
 * `GET …/model-card`: a Model's card (written sections and their source, the missing sections, the facts), read
 * with the caller's catalog read permission. An unreadable registry is reported in the card, not as an error.
 */
export function modelCardRoutes(
  router: MlopsApiRouter,
  options: { httpAuth: HttpAuthService; modelCards: ModelCardService },
) {
  router.get(
    '/v1/entities/:kind/:namespace/:name/model-card',
    async (req, res) => {
      const credentials = await options.httpAuth.credentials(req);
      res.json(await options.modelCards.getCard(entityRefOf(req), credentials));
    },
  );
}
