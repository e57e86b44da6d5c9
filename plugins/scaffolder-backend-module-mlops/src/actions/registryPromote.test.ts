import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonValue } from '@backstage/types';
import {
  SANDBOX_GITHUB_HOST,
  SANDBOX_GITHUB_TOKEN,
  SANDBOX_GITOPS_REPO,
} from '@mlops-portal/sandbox';
import { createRegistryPromoteAction } from './registryPromote';
import request from 'supertest';
import { actionHarness } from '../__testUtils__/actionHarness';

jest.setTimeout(60_000);

/*
 * mlops:registry:promote against the real mlops backend (and, behind it, the sandbox's MLflow over HTTP), with
 * the template user's identity carried by an on-behalf-of token.
 */
describe('mlops:registry:promote', () => {
  const t = actionHarness(deps => createRegistryPromoteAction(deps));
  const run = (input: Record<string, string>, isDryRun = false) =>
    t.run(input, isDryRun);
  const history = async () =>
    (
      await request(t.backend.server).get(
        '/api/mlops/v1/entities/model/default/fraud-detector/promotions',
      )
    ).body.items;

  it('promotes as the template user and outputs the history entry', async () => {
    const output = await run({
      entityRef: 'model:default/fraud-detector',
      alias: 'challenger',
      version: '3',
      reason: 'retrained; shadow it',
    });
    expect(output).toMatchObject({ state: 'completed', fromVersion: '6' });
    expect(await history()).toEqual([
      expect.objectContaining({
        id: output.promotionId,
        requestedBy: 'user:default/mock',
        toVersion: '3',
      }),
    ]);
  });

  it('reports a protected alias as pending approval', async () => {
    const output = await run({
      entityRef: 'model:default/fraud-detector',
      alias: 'champion',
      version: '6',
      reason: 'new champion',
    });
    expect(output.state).toBe('pending_approval');
  });

  it('files no second request when a retried task runs it again', async () => {
    // The scaffolder's checkpoints as a retried task sees them: a checkpoint that succeeded before returns its
    // stored (JSON) value instead of running again.
    const stored = new Map<string, string>();
    const checkpoint = async (opts: {
      key: string;
      fn: () => Promise<JsonValue> | JsonValue;
    }) => {
      if (!stored.has(opts.key)) {
        stored.set(opts.key, JSON.stringify((await opts.fn()) ?? {}));
      }
      return JSON.parse(stored.get(opts.key)!);
    };
    const runTask = async () => {
      const ctx = {
        ...createMockActionContext({
          input: {
            entityRef: 'model:default/fraud-detector',
            alias: 'champion',
            version: '6',
            reason: 'new champion',
          },
        }),
        checkpoint,
        isDryRun: false,
      };
      await t.action.handler(ctx as any);
      return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    };

    const first = await runTask();
    const retried = await runTask();
    expect(first).toMatchObject({
      state: 'pending_approval',
      fromVersion: '4',
    });
    expect(retried).toEqual(first);
    expect(stored.size).toBe(1);
    expect(await history()).toEqual([
      expect.objectContaining({
        id: first.promotionId,
        state: 'pending_approval',
        toVersion: '6',
      }),
    ]);
  });

  it('in a dry run says what would happen and records nothing', async () => {
    const output = await run(
      {
        entityRef: 'model:default/fraud-detector',
        alias: 'champion',
        version: '6',
        reason: 'dry',
      },
      true,
    );
    expect(output).toEqual({ state: 'would-need-approval', fromVersion: '4' });
    expect(await history()).toEqual([]);
  });

  it('fails with the gate reasons when the version does not pass', async () => {
    await expect(
      run({
        entityRef: 'model:default/fraud-detector',
        alias: 'challenger',
        version: '5',
        reason: 'weak',
      }),
    ).rejects.toThrow(
      /Version 5 fails \d quality gate\(s\): auc = 0.883 is below the minimum 0.9/,
    );
  });

  it('names the missing thing when the model is unknown', async () => {
    await expect(
      run({
        entityRef: 'model:default/nope',
        alias: 'challenger',
        version: '3',
        reason: 'x y z',
      }),
    ).rejects.toThrow(/No entity model:default\/nope in the catalog/);
  });
});

/*
 * The same action for a Model whose registry changes via pull requests, against the sandbox's GitHub stand-in
 * (configured under `integrations` as a real GitHub would be): the review is the approval, so the action hands
 * the template the pull request instead of an approval to wait for.
 */
describe('mlops:registry:promote in pull-request mode', () => {
  const repoUrl = `https://${SANDBOX_GITHUB_HOST}/${SANDBOX_GITOPS_REPO}`;
  const t = actionHarness(
    deps => createRegistryPromoteAction(deps),
    sandboxUrl => ({
      model: model => ({
        ...model,
        spec: {
          ...model.spec,
          registry: {
            ...(model.spec!.registry as object),
            changeVia: 'pull-request',
            aliasFile: { repoUrl, branch: 'main' },
          },
        },
      }),
      config: {
        integrations: {
          github: [
            {
              host: SANDBOX_GITHUB_HOST,
              apiBaseUrl: `${sandboxUrl}/github`,
              token: SANDBOX_GITHUB_TOKEN,
            },
          ],
        },
      },
    }),
  );
  const input = {
    entityRef: 'model:default/fraud-detector',
    alias: 'champion',
    version: '6',
    reason: 'v6 beats v4 on AUC',
  };

  // One backend start for both, for CI time: the dry run records nothing, so the real run starts clean.
  it('says a dry run would open a pull request, then outputs the pull request it opened', async () => {
    expect(await t.run(input, true)).toEqual({
      state: 'would-open-pull-request',
      fromVersion: '4',
    });
    expect(t.logged).toEqual([
      expect.stringMatching(/through a pull request .*review is the approval/),
    ]);

    const output = await t.run(input);
    expect(output).toEqual({
      promotionId: expect.any(String),
      state: 'pending_pull_request',
      fromVersion: '4',
      pullRequestUrl: expect.any(String),
      pullRequestNumber: expect.any(Number),
    });
    expect(output.pullRequestUrl).toBe(
      `${repoUrl}/pull/${output.pullRequestNumber}`,
    );
    expect(t.logged).toContainEqual(
      `Waiting for pull request #${output.pullRequestNumber} against the alias file: its review is the approval, and once it is merged CI applies the alias file to the registry (${output.pullRequestUrl})`,
    );
    // The history holds the same pull request.
    const [item] = (
      await request(t.backend.server).get(
        '/api/mlops/v1/entities/model/default/fraud-detector/promotions',
      )
    ).body.items;
    expect(item).toMatchObject({
      id: output.promotionId,
      state: 'pending_pull_request',
      pullRequest: {
        number: output.pullRequestNumber,
        url: output.pullRequestUrl,
        state: 'open',
      },
    });
  });
});
