import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
// Test only: the actions are checked against the real backend they call, not a stand-in of it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mlopsPlugin from '@mlops-portal/plugin-mlops-backend';
import mlopsModuleMlflow from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import mlopsModuleSeldon from '@mlops-portal/plugin-mlops-backend-module-seldon';
import {
  modelEntityV1alpha1Schema,
  pipelineEntityV1alpha1Schema,
} from '@mlops-portal/plugin-mlops-common';
import {
  createSandboxApp,
  SANDBOX_KUBERNETES_TOKEN,
} from '@mlops-portal/sandbox';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { MlopsBackendDeps } from '../actions/mlopsBackendCall';

/** The sandbox (MLflow, Kubeflow and Kubernetes stand-ins) on a free local port. */
async function startSandbox(): Promise<{ server: Server; url: string }> {
  // Kubeflow runs finish in a second here, so waiting for one stays quick.
  const server = createSandboxApp({
    kfpRunTiming: { runningAfterMs: 300, doneAfterMs: 1000 },
  }).listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
}

/**
 * What a test file changes in the backend: the example Model as it declares it, and config added beside the
 * sandbox's (e.g. `integrations` for the sandbox's GitHub stand-in). Built once the sandbox's URL is known.
 */
export type ActionHarnessSetup = (sandboxUrl: string) => {
  model?: (model: Entity) => Entity;
  config?: JsonObject;
};

/**
 * The real mlops backend plugin with its MLflow registry and Seldon serving modules against the sandbox, and the
 * example Model (served by Seldon) and Pipeline in its catalog.
 */
function startMlopsBackendAgainst(
  sandboxUrl: string,
  setup?: ActionHarnessSetup,
) {
  const { model = (m: Entity) => m, config = {} } = setup?.(sandboxUrl) ?? {};
  return startTestBackend({
    features: [
      mlopsPlugin,
      mlopsModuleMlflow,
      mlopsModuleSeldon,
      catalogServiceMock.factory({
        entities: [
          model(structuredClone(modelEntityV1alpha1Schema.examples[0]) as any),
          pipelineEntityV1alpha1Schema.examples[0] as any,
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          mlops: {
            mlflow: {
              instances: [{ name: 'default', baseUrl: `${sandboxUrl}/mlflow` }],
            },
            kubeflow: {
              instances: [{ name: 'default', baseUrl: `${sandboxUrl}/kfp` }],
            },
          },
          // The example Model is served on cluster prod-eu; here that is the sandbox's Kubernetes stand-in.
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'prod-eu',
                    url: `${sandboxUrl}/kubernetes`,
                    serviceAccountToken: SANDBOX_KUBERNETES_TOKEN,
                    skipTLSVerify: true,
                  },
                ],
              },
            ],
          },
          ...config,
        },
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });
}

/**
 * Per test: the sandbox and the real mlops backend in front of it, and the scaffolder action `make` builds with
 * discovery pointing at that backend and the mock auth service (the template user is `user:default/mock`).
 * `run` calls the action as the scaffolder would and returns its outputs. Registers its own hooks.
 */
export function actionHarness<A extends { handler(ctx: any): Promise<void> }>(
  make: (deps: MlopsBackendDeps) => A,
  setup?: ActionHarnessSetup,
) {
  const harness = {
    sandbox: undefined as unknown as Server,
    sandboxUrl: '',
    backend: undefined as unknown as Awaited<
      ReturnType<typeof startMlopsBackendAgainst>
    >,
    action: undefined as unknown as A,
    /** What the action logged at info level in its last `run`, one entry per message. */
    logged: [] as string[],
    /** Runs the action; the mock context has no dry-run option, so the flag is set as the scaffolder sets it. */
    async run(input: JsonObject, isDryRun = false) {
      const logger = mockServices.logger.mock();
      const ctx = {
        ...createMockActionContext({ input, logger }),
        isDryRun,
      };
      try {
        await harness.action.handler(ctx);
      } finally {
        harness.logged = logger.info.mock.calls.map(([message]) => message);
      }
      return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    },
  };
  beforeEach(async () => {
    const started = await startSandbox();
    harness.sandbox = started.server;
    harness.sandboxUrl = started.url;
    harness.backend = await startMlopsBackendAgainst(started.url, setup);
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
