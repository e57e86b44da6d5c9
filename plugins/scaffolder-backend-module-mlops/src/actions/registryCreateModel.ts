import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { callMlopsBackend, MlopsBackendDeps } from './mlopsBackendCall';

type CreateResult = { instance: string; name: string; outcome: string };

/**
 * `mlops:registry:create-model`: creates the MLflow registered model of a new service through the mlops backend
 * (permission `mlops.registry.model.create`, audited, tagged with the creator and owner). A name MLflow already
 * holds fails the step (409): the template never adopts another team's model. A dry run checks the name only.
 * Checkpointed, so a retried task does not fail on the model its first attempt created.
 */
export function createRegistryCreateModelAction(options: MlopsBackendDeps) {
  return createTemplateAction({
    id: 'mlops:registry:create-model',
    description:
      'Creates a registered model in one of the MLflow instances the portal is configured with',
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe('The registered-model name (the Model entity name)'),
        instance: z =>
          z
            .string()
            .optional()
            .describe('The MLflow instance in app-config (default: the first)'),
        description: z => z.string().optional().describe('Shown in MLflow'),
        owner: z =>
          z
            .string()
            .optional()
            .describe('The owning group, kept as the tag backstage.io/owner'),
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
        callMlopsBackend<CreateResult>(
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
