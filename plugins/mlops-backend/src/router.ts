import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import express, { ErrorRequestHandler } from 'express';
import Router from 'express-promise-router';
import { featureViewRoutes } from './featureViews/featureViewRoutes';
import { FeatureViewStatusService } from './featureViews/FeatureViewStatusService';
import { healthRoutes } from './health/healthRoutes';
import { ModelHealthService } from './health/ModelHealthService';
import { RetrainingService } from './health/retraining/RetrainingService';
import { pipelineRoutes } from './pipelines/pipelineRoutes';
import { PipelineRunsService } from './pipelines/PipelineRunsService';
import { ApprovalService } from './registry/ApprovalService';
import { approvalRoutes } from './registry/approvalRoutes';
import { ModelRegistryService } from './registry/ModelRegistryService';
import { PromotionService } from './registry/PromotionService';
import { registeredModelRoutes } from './registry/registeredModelRoutes';
import { RegisteredModelService } from './registry/RegisteredModelService';
import { registryRoutes } from './registry/registryRoutes';
import { rolloutRoutes } from './rollouts/rolloutRoutes';
import { RolloutService } from './rollouts/RolloutService';

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
 * `/api/mlops/v1`: each capability's routes on one router, then the error statuses Backstage has no class for.
 * HTTP and validation only; the services decide.
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
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  registryRoutes(router, options);
  approvalRoutes(router, options);
  registeredModelRoutes(router, options);
  rolloutRoutes(router, options);
  healthRoutes(router, options);
  pipelineRoutes(router, options);
  featureViewRoutes(router, options);
  router.use(upstreamAndGateErrors);
  return router;
}
