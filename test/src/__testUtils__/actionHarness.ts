import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { startMlopsBackendAgainst, startSandbox } from './mlopsBackend';

type Deps = {
  discovery: {
    getBaseUrl(pluginId: string): Promise<string>;
    getExternalBaseUrl(pluginId: string): Promise<string>;
  };
  auth: ReturnType<typeof mockServices.auth>;
};

/**
 * Per test: the sandbox and the real mlops backend in front of it, and the scaffolder action `make` builds with
 * discovery pointing at that backend and the mock auth service (the template user is `user:default/mock`).
 * `run` calls the action as the scaffolder would and returns its outputs. Registers its own hooks.
 */
export function actionHarness<A extends { handler(ctx: any): Promise<void> }>(
  make: (deps: Deps) => A,
) {
  const harness = {
    sandbox: undefined as unknown as Server,
    sandboxUrl: '',
    backend: undefined as unknown as Awaited<
      ReturnType<typeof startMlopsBackendAgainst>
    >,
    action: undefined as unknown as A,
    /** Runs the action; the mock context has no dry-run option, so the flag is set as the scaffolder sets it. */
    async run(input: Record<string, unknown>, isDryRun = false) {
      const ctx = { ...createMockActionContext({ input }), isDryRun };
      await harness.action.handler(ctx);
      return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    },
  };
  beforeEach(async () => {
    const started = await startSandbox();
    harness.sandbox = started.server;
    harness.sandboxUrl = started.url;
    harness.backend = await startMlopsBackendAgainst(started.url);
    const port = (harness.backend.server.address() as AddressInfo).port;
    const baseUrl = async (pluginId: string) =>
      `http://127.0.0.1:${port}/api/${pluginId}`;
    harness.action = make({
      discovery: { getBaseUrl: baseUrl, getExternalBaseUrl: baseUrl },
      auth: mockServices.auth(),
    });
  });
  afterEach(async () => {
    await harness.backend.stop();
    await new Promise(resolve => harness.sandbox.close(resolve));
  });
  return harness;
}
