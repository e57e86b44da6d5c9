import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { Router } from 'express';
import { z } from 'zod';
import { audited } from '../shared/audited';
import { parse } from '../shared/routeHelpers';
import { RegisteredModelService } from './RegisteredModelService';

const createBody = z
  .object({
    instance: z.string().trim().min(1).max(128).optional(),
    // MLflow accepts most names; the portal keeps to names that are also entity names.
    name: z
      .string()
      .regex(
        /^[a-z0-9]([-a-z0-9_.]{0,126}[a-z0-9])?$/,
        'lower-case letters, digits, -, _ and . (at most 128), starting and ending with a letter or digit',
      ),
    description: z.string().trim().max(2000).optional(),
    owner: z.string().trim().min(1).max(256).optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();

/**
 * `POST /v1/registry/models` (`{instance?, name, description?, owner?, dryRun?}`): creates an MLflow registered
 * model as the user (201 created, 200 for a dry run's plan, 409 when the name is taken, 502/503 naming MLflow),
 * audited as `registered-model-create`.
 */
export function registeredModelRoutes(
  router: Router,
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
    const body = parse(createBody, req.body, 'registered model');
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
