import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { createRegisteredModelRequestSchema } from '@mlops-portal/plugin-mlops-common';
import { audited } from '../shared/audited';
import { parse } from '../shared/routeHelpers';
import { RegisteredModelService } from './RegisteredModelService';
import { MlopsApiRouter } from '../schema/MlopsApiRouter';

/**
 * `POST /v1/registry/models` (`{instance?, name, description?, owner?, dryRun?}`): creates an MLflow registered
 * model as the user (201 created, 200 for a dry run's plan, 409 when the name is taken, 502/503 naming MLflow),
 * audited as `registered-model-create`.
 */
export function registeredModelRoutes(
  router: MlopsApiRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    registeredModels: RegisteredModelService;
  },
) {
  router.post('/v1/registry/models', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const body = parse(
      createRegisteredModelRequestSchema,
      req.body,
      'registered model',
    );
    const result = await audited(
      options.auditor,
      req,
      {
        eventId: 'registered-model-create',
        severityLevel: body.dryRun ? 'low' : 'medium',
        meta: { instance: body.instance, name: body.name, dryRun: body.dryRun },
        outcome: created => ({ outcome: created.outcome }),
      },
      () => options.registeredModels.create(body, credentials),
    );
    res.status(body.dryRun ? 200 : 201).json(result);
  });
}
