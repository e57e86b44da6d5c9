import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { returnToStableRequestSchema } from '@mlops-portal/plugin-mlops-common';
import { MlopsApiRouter } from '../schema/MlopsApiRouter';
import { audited } from '../shared/audited';
import { entityRefOf, parse } from '../shared/routeHelpers';
import { LiveServingService } from './LiveServingService';

/**
 * A Model's live serving: `GET …/serving` (the split read from the cluster, its claim, whether a rollout drives
 * it, and an orphan in words) and `POST …/serving/return-to-stable` (`{reason, expectedClaim?}`; permission
 * `mlops.rollout.manage`; audited as `model-serving-return-to-stable`).
 */
export function servingRoutes(
  router: MlopsApiRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    liveServing: LiveServingService;
  },
) {
  const { httpAuth, auditor, liveServing } = options;
  const entity = '/v1/entities/:kind/:namespace/:name';

  router.get(`${entity}/serving`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await liveServing.read(entityRefOf(req), credentials));
  });

  router.post(`${entity}/serving/return-to-stable`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parse(
      returnToStableRequestSchema,
      req.body,
      'return-to-stable request',
    );
    const entityRef = entityRefOf(req);
    res.json(
      await audited(
        auditor,
        req,
        {
          eventId: 'model-serving-return-to-stable',
          severityLevel: 'high',
          meta: {
            entityRef,
            reason: body.reason,
            expectedClaim: body.expectedClaim ?? null,
          },
          outcome: live => ({
            split: live.split as any,
            ...(live.git ? { git: live.git as any } : {}),
          }),
        },
        () => liveServing.returnToStable(entityRef, body, credentials),
      ),
    );
  });
}
