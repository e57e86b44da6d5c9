import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  rolloutActionSchema,
  rolloutControlRequestSchema,
  rolloutListQuerySchema,
  rolloutRequestSchema,
} from '@mlops-portal/plugin-mlops-common';
import { audited } from '../shared/audited';
import { parse } from '../shared/routeHelpers';
import { RolloutService } from './RolloutService';
import { MlopsApiRouter } from '../schema/MlopsApiRouter';

/**
 * Rollouts: `POST /v1/rollouts` (start, or a dry run's plan), `GET /v1/rollouts?entityRef=`, `GET /v1/rollouts/:id`
 * and `POST /v1/rollouts/:id/{pause,resume,promote,abort}` (`{reason}`). Users only for changes; audited as
 * `model-rollout-<action>`.
 */
export function rolloutRoutes(
  router: MlopsApiRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    rollouts: RolloutService;
  },
) {
  const { httpAuth, auditor, rollouts } = options;
  const outcome = (r: { id: string; entityRef: string; state: string }) => ({
    entityRef: r.entityRef,
    rolloutId: r.id,
    state: r.state,
  });

  router.post('/v1/rollouts', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parse(rolloutRequestSchema, req.body, 'rollout request');
    const entityRef = body.entityRef.toLocaleLowerCase('en-US');
    const result = await audited(
      auditor,
      req,
      {
        eventId: 'model-rollout-start',
        meta: {
          entityRef,
          version: body.version,
          strategy: body.strategy ?? 'canary',
          dryRun: Boolean(body.dryRun),
          reason: body.reason,
        },
        outcome,
      },
      () => rollouts.start({ ...body, entityRef }, credentials),
    );
    res.status(body.dryRun ? 200 : 201).json(result);
  });

  router.get('/v1/rollouts', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { entityRef } = parse(rolloutListQuerySchema, req.query, 'query');
    res.json({
      items: await rollouts.list(
        entityRef.toLocaleLowerCase('en-US'),
        credentials,
      ),
    });
  });

  router.get('/v1/rollouts/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await rollouts.get(req.params.id, credentials));
  });

  // One route per action, so each is a path of its own, as the OpenAPI spec lists them.
  for (const action of rolloutActionSchema.options) {
    router.post(`/v1/rollouts/:id/${action}`, async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const { reason } = parse(
        rolloutControlRequestSchema,
        req.body,
        `${action} request`,
      );
      const id = req.params.id;
      res.json(
        await audited(
          auditor,
          req,
          { eventId: `model-rollout-${action}`, meta: { id }, outcome },
          () => rollouts.control(id, action, reason, credentials),
        ),
      );
    });
  }
}
