import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  PromotionPlan,
  PromotionRecord,
  promotionRequestSchema,
} from '@mlops-portal/plugin-mlops-common';
import {
  callMlopsBackend,
  MlopsBackendDeps,
  entityPath,
} from './mlopsBackendCall';
import { contractInput } from './contractInput';
import { registryPromoteExamples } from './registryPromote.examples';

// The backend's own request schema (`POST …/promotions`), so the scaffolder refuses what the backend would.
const request = promotionRequestSchema.shape;

/**
 * `mlops:registry:promote`: moves an alias of a Model's registered model through the mlops backend, so the
 * template's user meets the same permission checks, quality gates, approvals and history as in the portal.
 * A protected alias yields state `pending_approval`, or for a Model whose registry changes via pull requests
 * `pending_pull_request` with the pull request's URL and number: its review is the approval. In a dry run it
 * reports what would happen and moves nothing.
 *
 * @public
 */
export function createRegistryPromoteAction(options: MlopsBackendDeps) {
  return createTemplateAction({
    id: 'mlops:registry:promote',
    description:
      "Points an alias (e.g. challenger, champion) of a Model's registered model at a version, behind the portal's quality gates, approvals and history",
    examples: registryPromoteExamples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .describe('The Model entity, e.g. model:default/fraud-detector'),
        alias: z =>
          contractInput(z, request.alias, 'The alias to move, e.g. challenger'),
        version: z =>
          contractInput(
            z,
            request.version,
            'The registry version to point it at',
          ),
        reason: z =>
          contractInput(
            z,
            request.reason,
            'Why; kept in the promotion history',
          ),
      },
      output: {
        promotionId: z =>
          z
            .string()
            .optional()
            .describe('The history entry (absent in a dry run)'),
        state: z =>
          z
            .string()
            .describe(
              'completed, pending_approval, pending_pull_request, or in a dry run: would-complete / would-need-approval / would-open-pull-request',
            ),
        fromVersion: z =>
          z.string().optional().describe('Where the alias pointed before'),
        pullRequestUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'The pull request against the alias file whose review is the approval (state pending_pull_request)',
            ),
        pullRequestNumber: z =>
          z.number().optional().describe("That pull request's number"),
      },
    },
    async handler(ctx) {
      const { entityRef, alias, version, reason } = ctx.input;
      const path = `/v1/entities/${entityPath(entityRef)}/promotions`;
      const call = async (dryRun: boolean) =>
        callMlopsBackend<unknown>(
          options,
          await ctx.getInitiatorCredentials(),
          {
            method: 'POST',
            path,
            body: { alias, version, reason, dryRun },
          },
        );

      if (ctx.isDryRun) {
        const plan = (await call(true)) as PromotionPlan;
        if (!plan.gatesPassed) {
          throw new InputError(
            `Version ${version} would fail its quality gates: ${plan.gates
              .filter(g => !g.passed)
              .map(g => g.reason)
              .join('; ')}`,
          );
        }
        let planned = 'would-complete';
        let waitsFor = '';
        if (plan.viaPullRequest) {
          planned = 'would-open-pull-request';
          waitsFor =
            ', through a pull request against the alias file (its review is the approval)';
        } else if (plan.needsApproval) {
          planned = 'would-need-approval';
          waitsFor = ', pending approval';
        }
        ctx.logger.info(
          `Would move ${alias} of ${entityRef} from ${
            plan.fromVersion ?? '(none)'
          } to ${version}${waitsFor}`,
        );
        ctx.output('state', planned);
        if (plan.fromVersion) {
          ctx.output('fromVersion', plan.fromVersion);
        }
        return;
      }

      // A retried task must not file a second request for the same move.
      const record = await ctx.checkpoint({
        key: `mlops.registry.promote.${entityRef}.${alias}.${version}`,
        fn: async () => {
          const created = (await call(false)) as PromotionRecord;
          return {
            id: created.id,
            state: created.state,
            fromVersion: created.fromVersion ?? null,
            pullRequest: created.pullRequest
              ? {
                  number: created.pullRequest.number,
                  url: created.pullRequest.url,
                }
              : null,
          };
        },
      });
      ctx.logger.info(
        `Promotion ${record.id} of ${entityRef} ${alias} → ${version}: ${record.state}`,
      );
      ctx.output('promotionId', record.id);
      ctx.output('state', record.state);
      if (record.fromVersion) {
        ctx.output('fromVersion', record.fromVersion);
      }
      if (record.pullRequest) {
        ctx.logger.info(
          `Waiting for pull request #${record.pullRequest.number} against the alias file: its review is the approval, and once it is merged CI applies the alias file to the registry (${record.pullRequest.url})`,
        );
        ctx.output('pullRequestUrl', record.pullRequest.url);
        ctx.output('pullRequestNumber', record.pullRequest.number);
      }
    },
  });
}
