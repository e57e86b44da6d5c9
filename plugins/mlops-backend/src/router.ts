import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { isError } from '@backstage/errors';
import express, { ErrorRequestHandler } from 'express';
import { featureViewRoutes } from './featureViews/featureViewRoutes';
import { FeatureViewStatusService } from './featureViews/FeatureViewStatusService';
import { healthRoutes } from './health/healthRoutes';
import { modelCardRoutes } from './modelCard/modelCardRoutes';
import { ModelCardService } from './modelCard/ModelCardService';
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
import { LiveServingService } from './rollouts/LiveServingService';
import { rolloutRoutes } from './rollouts/rolloutRoutes';
import { servingRoutes } from './rollouts/servingRoutes';
import { gitOpsServingRoutes } from './rollouts/gitops/gitOpsServingRoutes';
import { GitOpsServingService } from './rollouts/gitops/GitOpsServingService';
import { RolloutService } from './rollouts/RolloutService';
import { spec } from './schema/openapi.generated';

/**
 * The statuses Backstage's default error handler has no error class for: 422 for failed quality gates (with every
 * gate's result and, for a promotion, the blocked request) and 502 for an upstream that answered badly. Everything
 * else falls through to the default.
 */
const upstreamAndGateErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (isError(error) && error.name === 'QualityGateFailedError') {
    const { gates, promotion } = error as unknown as {
      gates: unknown[];
      promotion?: unknown;
    };
    res.status(422).json({
      error: { name: error.name, message: error.message },
      response: { statusCode: 422 },
      gates,
      ...(promotion ? { promotion } : {}),
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
 * HTTP and validation only; the services decide. The router is Backstage's OpenAPI router over
 * `schema/openapi.yaml`, which serves the spec at `/openapi.json`.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  registry: ModelRegistryService;
  promotions: PromotionService;
  approvals: ApprovalService;
  rollouts: RolloutService;
  liveServing: LiveServingService;
  gitOpsServing: GitOpsServingService;
  health: ModelHealthService;
  retraining: RetrainingService;
  pipelines: PipelineRunsService;
  featureViews: FeatureViewStatusService;
  registeredModels: RegisteredModelService;
  modelCards: ModelCardService;
}): Promise<express.Router> {
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    middleware: [express.json({ limit: '64kb' })],
    // The zod schemas of plugin-mlops-common stay the one validator of requests: their messages name each bad
    // field as clients and tests expect (e.g. `Invalid promotion request: alias: …`), and they check what JSON
    // Schema cannot (reserved aliases, a canary's last step at 100%). openapi.test.ts keeps the spec equal to
    // them. So the OpenAPI layer validates no request, response or token (httpAuth does): it matches routes and
    // serves the spec.
    validatorOptions: {
      validateRequests: false,
      validateResponses: false,
      validateSecurity: false,
    },
  });
  registryRoutes(router, options);
  approvalRoutes(router, options);
  registeredModelRoutes(router, options);
  rolloutRoutes(router, options);
  servingRoutes(router, options);
  gitOpsServingRoutes(router, options);
  healthRoutes(router, options);
  pipelineRoutes(router, options);
  featureViewRoutes(router, options);
  modelCardRoutes(router, options);
  router.use(upstreamAndGateErrors);
  return router;
}
