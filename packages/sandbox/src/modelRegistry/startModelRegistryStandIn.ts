import express from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ModelRegistryFake } from './ModelRegistryFake';
import {
  modelRegistryRouter,
  SANDBOX_MODEL_REGISTRY_TOKEN,
} from './modelRegistryRouter';
import { seedModelRegistry } from './seedModelRegistry';

/**
 * DEMO/TEST STAND-IN: the Kubeflow Model Registry stand-in served over HTTP on a free loopback port, seeded with
 * the example registry unless `seed` is false. `fake` may be swapped for a fresh one between tests (`reset`).
 */
export async function startModelRegistryStandIn(
  options: { seed?: boolean } = {},
): Promise<{
  /** The fake answering now; `reset` replaces it. */
  fake: ModelRegistryFake;
  /** The base URL a client is configured with (the API is below it, under `/api/model_registry/v1alpha3`). */
  url: string;
  token: string;
  /** Serves a fresh fake (seeded as at the start) from now on, and returns it. */
  reset(): ModelRegistryFake;
  close(): Promise<void>;
}> {
  const fresh = () => {
    const fake = new ModelRegistryFake(SANDBOX_MODEL_REGISTRY_TOKEN);
    if (options.seed !== false) seedModelRegistry(fake);
    return fake;
  };
  let current = fresh();
  // Each request goes to whichever fake is current, so tests can reset it without restarting the server.
  const server: Server = express()
    .use('/model-registry', (req, res, next) =>
      modelRegistryRouter(current)(req, res, next),
    )
    .listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const standIn = {
    get fake() {
      return current;
    },
    url: `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/model-registry`,
    token: SANDBOX_MODEL_REGISTRY_TOKEN,
    reset() {
      current = fresh();
      return current;
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
  return standIn;
}
