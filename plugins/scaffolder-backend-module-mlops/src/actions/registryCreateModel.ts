import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CreateRegisteredModelResult,
  createRegisteredModelRequestSchema,
} from '@mlops-portal/plugin-mlops-common';
import { contractInput } from './contractInput';
import { callMlopsBackend, MlopsBackendDeps } from './mlopsBackendCall';
import { registryCreateModelExamples } from './registryCreateModel.examples';

// The backend's own request schema (`POST /v1/registry/models`), so the scaffolder refuses what the backend would.
const request = createRegisteredModelRequestSchema.shape;

/**
 * `mlops:registry:create-model`: creates the MLflow registered model of a new service through the mlops backend
 * (permission `mlops.registry.model.create`, audited, tagged with the creator and owner). A name MLflow already
 * holds fails the step (409): the template never adopts another team's model. A dry run checks the name only.
 * Checkpointed, so a retried task does not fail on the model its first attempt created.
 *
 * @public
 */
export function createRegistryCreateModelAction(options: MlopsBackendDeps) {
  return createTemplateAction({
    id: 'mlops:registry:create-model',
    description:
      'Creates a registered model in one of the MLflow instances the portal is configured with',
    examples: registryCreateModelExamples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          contractInput(
            z,
            request.name,
            'The registered-model name (the Model entity name)',
          ),
        instance: z =>
          contractInput(
            z,
            request.instance,
            'The MLflow instance in app-config (default: the first)',
          ),
        description: z =>
          contractInput(z, request.description, 'Shown in MLflow'),
        owner: z =>
          contractInput(
            z,
            request.owner,
            'The owning group, kept as the tag backstage.io/owner',
          ),
      },
      output: {
        instance: z => z.string().describe('The MLflow instance used'),
        outcome: z => z.string().describe('created, or would-create'),
      },
    },
    async handler(ctx) {
      const body = {
        name: ctx.input.name,
        instance: ctx.input.instance,
        description: ctx.input.description,
        owner: ctx.input.owner,
      };
      const call = async (dryRun: boolean) =>
        callMlopsBackend<CreateRegisteredModelResult>(
          options,
          await ctx.getInitiatorCredentials(),
          {
            method: 'POST',
            path: '/v1/registry/models',
            body: { ...body, dryRun },
          },
        );
      const result = ctx.isDryRun
        ? await call(true)
        : await ctx.checkpoint({
            key: `mlops.registry.create-model.${body.instance ?? ''}.${
              body.name
            }`,
            fn: () => call(false),
          });
      ctx.logger.info(
        `MLflow ${result.instance}: registered model ${result.name} ${result.outcome}`,
      );
      ctx.output('instance', result.instance);
      ctx.output('outcome', result.outcome);
    },
  });
}
