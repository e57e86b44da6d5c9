import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { pipelineRunRequestSchema } from '@mlops-portal/plugin-mlops-common';
import { audited } from '../shared/audited';
import { entityRefOf, parse } from '../shared/routeHelpers';
import { PipelineRunsService } from './PipelineRunsService';
import { MlopsApiRouter } from '../schema/MlopsApiRouter';

/**
 * A Pipeline's Kubeflow runs: `GET …/runs` (recent runs, recurring runs, parameters) and `POST …/runs`
 * (`{parameters, displayName?, experiment?, pipelineVersionId?}` → 201 run; permission `mlops.pipeline.run`; audited as `pipeline-run-start`).
 */
export function pipelineRoutes(
  router: MlopsApiRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    pipelines: PipelineRunsService;
  },
) {
  const entity = '/v1/entities/:kind/:namespace/:name';
  router.get(`${entity}/runs`, async (req, res) => {
    const credentials = await options.httpAuth.credentials(req);
    res.json(await options.pipelines.view(entityRefOf(req), credentials));
  });
  router.post(`${entity}/runs`, async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const body = parse(pipelineRunRequestSchema, req.body, 'run request');
    const parameters = body.parameters ?? {};
    const entityRef = entityRefOf(req);
    const run = await audited(
      options.auditor,
      req,
      {
        eventId: 'pipeline-run-start',
        meta: { entityRef, parameters: parameters as any },
        outcome: r => ({ runId: r.id }),
      },
      () =>
        options.pipelines.start(
          entityRef,
          {
            parameters,
            displayName: body.displayName,
            experiment: body.experiment,
            pipelineVersionId: body.pipelineVersionId,
          },
          credentials,
        ),
    );
    res.status(201).json(run);
  });
}
