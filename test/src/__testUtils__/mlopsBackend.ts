import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  modelEntityV1alpha1Schema,
  pipelineEntityV1alpha1Schema,
} from '@mlops-portal/plugin-mlops-common';
import mlopsPlugin from '@mlops-portal/plugin-mlops-backend';
import mlopsModuleKServe from '@mlops-portal/plugin-mlops-backend-module-kserve';
import mlopsModuleMlflow from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import mlopsModuleSeldon from '@mlops-portal/plugin-mlops-backend-module-seldon';
import {
  createSandboxApp,
  SANDBOX_KUBERNETES_TOKEN,
} from '@mlops-portal/sandbox';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Knex } from 'knex';

/** The sandbox (MLflow stand-in and all) on a free local port. */
export async function startSandbox(): Promise<{ server: Server; url: string }> {
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

/** The mlops backend plugin against the sandbox's MLflow, with the example Model in its catalog. */
export function startMlopsBackendAgainst(sandboxUrl: string, knex?: Knex) {
  return startTestBackend({
    features: [
      mlopsPlugin,
      mlopsModuleMlflow,
      mlopsModuleSeldon,
      mlopsModuleKServe,
      catalogServiceMock.factory({
        entities: [
          modelEntityV1alpha1Schema.examples[0] as any,
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
        },
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ...(knex ? [mockServices.database.factory({ knex })] : []),
    ],
  });
}
