import {
  FeastRegistryFake,
  feastRouter,
  seedFeast,
} from '@mlops-portal/sandbox';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';

/**
 * The sandbox's Feast registry stand-in, seeded as the sandbox seeds it, served over HTTP on a free loopback port.
 * `url` is the base URL a `mlops.feast.instances` entry takes.
 */
export async function startFeastStandIn(): Promise<{
  fake: FeastRegistryFake;
  url: string;
  stop(): Promise<void>;
}> {
  const fake = new FeastRegistryFake();
  seedFeast(fake);
  const server: Server = express()
    .use('/feast', feastRouter(fake))
    .listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  return {
    fake,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feast`,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
