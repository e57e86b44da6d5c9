import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonValue } from '@backstage/types';
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
