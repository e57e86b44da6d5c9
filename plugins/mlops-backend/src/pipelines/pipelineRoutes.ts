import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { Router } from 'express';
import { z } from 'zod';
import { audited } from '../shared/audited';
import { entityRefOf, parse } from '../shared/routeHelpers';
import { PipelineRunsService } from './PipelineRunsService';

const runBody = z
  .object({
    parameters: z
      .record(
        z.union([
          z.string(),
          z.number(),
          z.boolean(),
          z.array(z.unknown()),
          z.record(z.unknown()),
        ]),
      )
      .default({}),
    displayName: z.string().trim().min(1).max(128).optional(),
    experiment: z.string().trim().min(1).max(128).optional(),
    pipelineVersionId: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

/**
 * A Pipeline's Kubeflow runs: `GET …/runs` (recent runs, recurring runs, parameters) and `POST …/runs`
 * (`{parameters, displayName?, experiment?, pipelineVersionId?}` → 201 run; permission `mlops.pipeline.run`; audited as `pipeline-run-start`).
 */
export function pipelineRoutes(
  router: Router,
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
    const body = parse(runBody, req.body, 'run request');
    const entityRef = entityRefOf(req);
    const run = await audited(
      options.auditor,
      req,
      {
        eventId: 'pipeline-run-start',
        meta: { entityRef, parameters: body.parameters as any },
        outcome: r => ({ runId: r.id }),
      },
      () =>
        options.pipelines.start(
          entityRef,
          {
            parameters: body.parameters ?? {},
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
