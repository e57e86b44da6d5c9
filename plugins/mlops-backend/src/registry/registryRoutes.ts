import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  promotionHistoryQuerySchema,
  PromotionRecord,
  promotionReleaseRequestSchema,
  promotionRequestSchema,
  rollbackRequestSchema,
} from '@mlops-portal/plugin-mlops-common';
import { audited } from '../shared/audited';
import { entityRefOf, parse } from '../shared/routeHelpers';
import { ModelRegistryService } from './ModelRegistryService';
import { PromotionService } from './PromotionService';
import { MlopsApiRouter } from '../schema/MlopsApiRouter';

/**
 * A Model's registry: `GET …/registry` (versions, aliases, gates), `GET …/promotions` (history, `?alias`, `?at`),
 * `POST …/promotions` (201 moved or pending approval, 200 for a dry run, 422 failed gates, 409 moved meanwhile)
 * and `POST …/rollbacks`; `POST /v1/promotions/:id/release` (`{reason}`) settles a move whose outcome stayed
 * unknown (audited as `model-promotion-release`). State changes are for users only and audited (`model-promotion`, `model-rollback`).
 */
export function registryRoutes(
  router: MlopsApiRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    registry: ModelRegistryService;
    promotions: PromotionService;
  },
) {
  const { httpAuth, auditor, registry, promotions } = options;
  const entity = '/v1/entities/:kind/:namespace/:name';
  const outcome = (r: object) =>
    'id' in r
      ? {
          entityRef: (r as PromotionRecord).entityRef,
          promotionId: r.id as string,
          state: (r as PromotionRecord).state,
        }
      : {};

  router.get(`${entity}/registry`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await registry.getRegistryView(entityRefOf(req), credentials));
  });

  router.get(`${entity}/promotions`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const query = parse(promotionHistoryQuerySchema, req.query, 'query');
    res.json(
      await promotions.history(
        entityRefOf(req),
        { alias: query.alias, at: query.at ? new Date(query.at) : undefined },
        credentials,
      ),
    );
  });

  router.post(`${entity}/promotions`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parse(promotionRequestSchema, req.body, 'promotion request');
    const entityRef = entityRefOf(req);
    const result = await audited(
      auditor,
      req,
      { eventId: 'model-promotion', meta: { entityRef, ...body }, outcome },
      () => promotions.promote(entityRef, body, credentials),
    );
    res.status(body.dryRun ? 200 : 201).json(result);
  });

  router.post(`${entity}/rollbacks`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parse(rollbackRequestSchema, req.body, 'rollback request');
    const entityRef = entityRefOf(req);
    const result = await audited(
      auditor,
      req,
      { eventId: 'model-rollback', meta: { entityRef, ...body }, outcome },
      () => promotions.rollback(entityRef, body, credentials),
    );
    res.status(201).json(result);
  });

  router.post('/v1/promotions/:id/release', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { reason } = parse(
      promotionReleaseRequestSchema,
      req.body,
      'release request',
    );
    const id = req.params.id;
    res.json(
      await audited(
        auditor,
        req,
        {
          eventId: 'model-promotion-release',
          severityLevel: 'high',
          meta: { id, reason },
          outcome,
        },
        () => promotions.release(id, reason, credentials),
      ),
    );
  });
}
