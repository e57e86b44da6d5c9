import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import express, { ErrorRequestHandler, Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { featureViewRoutes } from './featureViewRoutes';
import { healthRoutes } from './healthRoutes';
import { registeredModelRoutes } from './registeredModelRoutes';
import { RegisteredModelService } from './services/RegisteredModels/RegisteredModelService';
import { pipelineRoutes } from './pipelineRoutes';
import { PipelineRunsService } from './services/PipelineRuns/PipelineRunsService';
import { FeatureViewStatusService } from './services/FeatureViews/FeatureViewStatusService';
import { entityRefOf, parse } from './routeHelpers';
import { ModelHealthService } from './services/Health/ModelHealthService';
import { RetrainingService } from './services/Retraining/RetrainingService';
import { ModelRegistryService } from './services/ModelRegistryService/ModelRegistryService';
import { ApprovalService } from './services/PromotionService/ApprovalService';
import { PromotionService } from './services/PromotionService/PromotionService';
import { RolloutService } from './services/Rollouts/RolloutService';

const aliasSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
  .refine(
    a => !/^(latest|v\d+)$/i.test(a),
    "'latest' and 'v<number>' are reserved by MLflow",
  );
const reasonSchema = z
  .string()
  .trim()
  .min(3, 'say why, in at least 3 characters')
  .max(2000);

const promotionBody = z
  .object({
    alias: aliasSchema,
    version: z.string().regex(/^\d+$/, 'a registry version number, e.g. "7"'),
    reason: reasonSchema,
    expectedCurrentVersion: z.string().regex(/^\d+$/).nullable().optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();
const rollbackBody = z
  .object({ alias: aliasSchema, reason: reasonSchema })
  .strict();
const decisionBody = z.object({ comment: reasonSchema }).strict();
const stepSchema = z
  .object({
    weight: z.number().int().min(0).max(100),
    durationSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600),
  })
  .strict();
const rolloutBody = z
  .object({
    entityRef: z.string().min(1),
    version: z.string().regex(/^\d+$/, 'a registry version number, e.g. "7"'),
    alias: aliasSchema.optional(),
    steps: z
      .array(stepSchema)
      .min(1)
      .max(20)
      .refine(
        steps => steps[steps.length - 1].weight === 100,
        'the last step must give the canary 100%',
      )
      .optional(),
    analysis: z
      .object({
        intervalSeconds: z.number().int().min(1).max(3600),
        initialDelaySeconds: z.number().int().min(0).max(3600),
        count: z.number().int().min(1).max(100),
        failureLimit: z.number().int().min(0).max(100),
        inconclusiveLimit: z.number().int().min(0).max(100),
        consecutiveErrorLimit: z.number().int().min(0).max(100),
      })
      .partial()
      .strict()
      .optional(),
    strategy: z.enum(['canary', 'abtest', 'shadow', 'bluegreen']).optional(),
    shadow: z
      .object({
        durationSeconds: z
          .number()
          .int()
          .min(10)
          .max(30 * 24 * 3600),
        intervalSeconds: z.number().int().min(1).max(3600),
        maxPsi: z.number().gt(0).max(10),
        maxJensenShannon: z.number().gt(0).max(1),
        minPredictions: z.number().int().min(1).max(1e9),
      })
      .partial()
      .strict()
      .optional(),
    blueGreen: z
      .object({
        readinessTimeoutSeconds: z
          .number()
          .int()
          .min(10)
          .max(24 * 3600),
        warmSeconds: z
          .number()
          .int()
          .min(0)
          .max(7 * 24 * 3600),
      })
      .partial()
      .strict()
      .optional(),
    abTest: z
      .object({
        candidateShare: z.number().int().min(1).max(99).optional(),
        baselineRate: z.number().gt(0).lt(1),
        minimumDetectableEffect: z.number().gt(-1).lt(1),
        alpha: z.number().gt(0).max(0.2).optional(),
        power: z.number().min(0.5).lt(1).optional(),
        maxDurationSeconds: z
          .number()
          .int()
          .min(60)
          .max(90 * 24 * 3600)
          .optional(),
        intervalSeconds: z.number().int().min(1).max(3600).optional(),
      })
      .strict()
      .optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();
const rolloutControlBody = z.object({ reason: reasonSchema }).strict();
const historyQuery = z
  .object({
    alias: aliasSchema.optional(),
    at: z.string().datetime({ offset: true }).optional(),
  })
  .strict();

/**
 * The statuses Backstage's default error handler has no error class for: 422 for failed quality gates (with the
 * gate results) and 502 for an upstream that answered badly. Everything else falls through to the default.
 */
const upstreamAndGateErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (isError(error) && error.name === 'QualityGateFailedError') {
    const { promotion } = error as unknown as { promotion: unknown };
    res.status(422).json({
      error: { name: error.name, message: error.message },
      response: { statusCode: 422 },
      promotion,
    });
    return;
  }
  if (isError(error) && error.name === 'BadGatewayError') {
    res.status(502).json({
      error: { name: error.name, message: error.message },
      response: { statusCode: 502 },
    });
    return;
  }
  next(error);
};

/**
 * `/api/mlops/v1`: registry views and governed alias moves. HTTP and validation only; the services decide.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  registry: ModelRegistryService;
  promotions: PromotionService;
  approvals: ApprovalService;
  rollouts: RolloutService;
  health: ModelHealthService;
  retraining: RetrainingService;
  pipelines: PipelineRunsService;
  featureViews: FeatureViewStatusService;
  registeredModels: RegisteredModelService;
}): Promise<express.Router> {
  const { httpAuth, auditor, registry, promotions, rollouts } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  pipelineRoutes(router, {
    httpAuth,
    auditor,
    pipelines: options.pipelines,
  });
  healthRoutes(router, {
    httpAuth,
    health: options.health,
    retraining: options.retraining,
  });
  featureViewRoutes(router, {
    httpAuth,
    featureViews: options.featureViews,
  });
  registeredModelRoutes(router, {
    httpAuth,
    auditor,
    registeredModels: options.registeredModels,
  });

  const entity = '/v1/entities/:kind/:namespace/:name';

  router.get(`${entity}/registry`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await registry.getRegistryView(entityRefOf(req), credentials));
  });

  router.get(`${entity}/promotions`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const query = parse(historyQuery, req.query, 'query');
    res.json(
      await promotions.history(
        entityRefOf(req),
        { alias: query.alias, at: query.at ? new Date(query.at) : undefined },
        credentials,
      ),
    );
  });

  // State-changing routes: users only (a plugin acting for a user sends the user's credentials), audited.
  const audited = async <T>(
    req: Request,
    eventId: string,
    meta: JsonObject,
    work: () => Promise<T>,
  ): Promise<T> => {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await work();
      const { id, state } = result as { id?: string; state?: string };
      await event.success({
        meta: id ? { promotionId: id, state: state ?? null } : {},
      });
      return result;
    } catch (error) {
      await event.fail({
        error: isError(error) ? error : new Error(String(error)),
      });
      throw error;
    }
  };

  router.post(`${entity}/promotions`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parse(promotionBody, req.body, 'promotion request');
    const entityRef = entityRefOf(req);
    const result = await audited(
      req,
      'model-promotion',
      { entityRef, ...body },
      () => promotions.promote(entityRef, body, credentials),
    );
    res.status(body.dryRun ? 200 : 201).json(result);
  });

  router.post(`${entity}/rollbacks`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parse(rollbackBody, req.body, 'rollback request');
    const entityRef = entityRefOf(req);
    const result = await audited(
      req,
      'model-rollback',
      { entityRef, ...body },
      () => promotions.rollback(entityRef, body, credentials),
    );
    res.status(201).json(result);
  });

  router.post('/v1/promotions/:id/approve', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parse(decisionBody, req.body, 'approval');
    const id = req.params.id;
    res.json(
      await audited(req, 'model-promotion-approval', { id }, () =>
        options.approvals.approve(id, body, credentials),
      ),
    );
  });

  router.post('/v1/promotions/:id/reject', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parse(decisionBody, req.body, 'rejection');
    const id = req.params.id;
    res.json(
      await audited(req, 'model-promotion-rejection', { id }, () =>
        options.approvals.reject(id, body, credentials),
      ),
    );
  });

  router.post('/v1/rollouts', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parse(rolloutBody, req.body, 'rollout request');
    const entityRef = body.entityRef.toLocaleLowerCase('en-US');
    const result = await audited(
      req,
      'model-rollout-start',
      {
        entityRef,
        version: body.version,
        strategy: body.strategy ?? 'canary',
        dryRun: Boolean(body.dryRun),
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
        await audited(req, `model-rollout-${action}`, { id }, () =>
          rollouts.control(id, action, reason, credentials),
        ),
      );
    },
  );

  router.use(upstreamAndGateErrors);
  return router;
}
