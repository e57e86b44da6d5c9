import express from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { KubernetesFake } from './KubernetesFake';
import { kubernetesRouter, SANDBOX_KUBERNETES_TOKEN } from './kubernetesRouter';
import { seedKubernetes } from './seedKubernetes';

/** The `kubernetes` config of a cluster named `sandbox` at `url` (the Kubernetes stand-in), as app-config has it. */
export function sandboxClusterConfig(url: string) {
  return {
    clusterLocatorMethods: [
      {
        type: 'config',
        // Plain HTTP: @kubernetes/client-node allows it only with skipTLSVerify.
        clusters: [
          {
            name: 'sandbox',
            url,
            serviceAccountToken: SANDBOX_KUBERNETES_TOKEN,
            skipTLSVerify: true,
          },
        ],
      },
    ],
  };
}

/**
 * DEMO/TEST STAND-IN: the Kubernetes API stand-in, seeded with the example serving resources, served over HTTP
 * on a free loopback port, for tests that drive it through the real `@kubernetes/client-node`.
 */
export async function startKubernetesStandIn(): Promise<{
  fake: KubernetesFake;
  url: string;
  /** The `kubernetes` config section naming it as cluster `sandbox`. */
  kubernetesConfig: ReturnType<typeof sandboxClusterConfig>;
  /** The writes it received (`fake.calls` without the reads), as `METHOD path`. */
  writes(): string[];
  close(): Promise<void>;
}> {
  const fake = new KubernetesFake(SANDBOX_KUBERNETES_TOKEN);
  seedKubernetes(fake);
  const server: Server = express()
    .use('/k8s', kubernetesRouter(fake))
    .listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/k8s`;
  return {
    fake,
    url,
    kubernetesConfig: sandboxClusterConfig(url),
    writes: () => fake.calls.filter(c => /^(PUT|POST|PATCH|DELETE) /.test(c)),
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}
