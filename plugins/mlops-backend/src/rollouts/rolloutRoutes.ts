import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { Router } from 'express';
import { z } from 'zod';
import { audited } from '../shared/audited';
import { parse } from '../shared/routeHelpers';
import { rolloutBody, rolloutControlBody } from './rolloutRequests';
import { RolloutService } from './RolloutService';

/**
 * Rollouts: `POST /v1/rollouts` (start, or a dry run's plan), `GET /v1/rollouts?entityRef=`, `GET /v1/rollouts/:id`
 * and `POST /v1/rollouts/:id/{pause,resume,promote,abort}` (`{reason}`). Users only for changes; audited as
 * `model-rollout-<action>`.
 */
export function rolloutRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    rollouts: RolloutService;
  },
) {
  const { httpAuth, auditor, rollouts } = options;
  const outcome = (r: { id: string; state: string }) => ({
    rolloutId: r.id,
    state: r.state,
  });

  router.post('/v1/rollouts', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parse(rolloutBody, req.body, 'rollout request');
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
        },
        outcome,
      },
      () => rollouts.start({ ...body, entityRef }, credentials),
    );
    res.status(body.dryRun ? 200 : 201).json(result);
  });

  router.get('/v1/rollouts', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { entityRef } = parse(
      z.object({ entityRef: z.string().min(1) }).strict(),
      req.query,
      'query',
    );
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

  router.post(
    '/v1/rollouts/:id/:action(pause|resume|promote|abort)',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const { reason } = parse(
        rolloutControlBody,
        req.body,
        `${req.params.action} request`,
      );
      const { id, action } = req.params as {
        id: string;
        action: 'pause' | 'resume' | 'promote' | 'abort';
      };
      res.json(
        await audited(
          auditor,
          req,
          { eventId: `model-rollout-${action}`, meta: { id }, outcome },
          () => rollouts.control(id, action, reason, credentials),
        ),
      );
    },
  );
}
