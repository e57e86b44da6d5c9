import { ConfigReader } from '@backstage/config';
import { createSandboxApp, SANDBOX_ARGOCD_TOKEN } from '@mlops-portal/sandbox';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { argoCdClients } from './ArgoCdClient';

describe('ArgoCdClient against the sandbox’s Argo CD stand-in', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createSandboxApp().listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/argocd`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  const clients = (token: string) =>
    argoCdClients(
      new ConfigReader({
        mlops: { argocd: { instances: [{ name: 'demo', baseUrl, token }] } },
      }),
    );

  it('reads an Application’s sync, health and revision', async () => {
    const status = await clients(SANDBOX_ARGOCD_TOKEN)
      .get('demo')
      .application('fraud-detector');
    expect(status).toEqual({
      application: 'fraud-detector',
      sync: 'Synced',
      health: 'Healthy',
      revision: expect.stringMatching(/^[0-9a-f]{40}$/),
      url: `${baseUrl}/applications/fraud-detector`,
    });
  });

  it('passes on Argo CD’s error message', async () => {
    await expect(
      clients(SANDBOX_ARGOCD_TOKEN).get('demo').application('nope'),
    ).rejects.toThrow(
      `Argo CD 'demo' could not read application nope (404): applications.argoproj.io "nope" not found`,
    );
    await expect(
      clients('wrong').get('demo').application('fraud-detector'),
    ).rejects.toThrow(/\(401\): no session information/);
  });
});
