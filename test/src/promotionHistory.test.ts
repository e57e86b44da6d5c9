import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { modelEntityV1alpha1Schema } from '@mlops-portal/plugin-mlops-common';
import mlopsPlugin from '@mlops-portal/plugin-mlops-backend';
import { createSandboxApp } from '@mlops-portal/sandbox';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

/*
 * The promotion history is the portal's own record (MLflow keeps none): it must outlive the backend process.
 * The mlops backend talks over real HTTP to the sandbox's MLflow stand-in and stores on SQLite and PostgreSQL.
 */
const databases = createTestDatabases();
const user = 'user:default/amira.haddad';
const base = '/api/mlops/v1/entities/model/default/fraud-detector';

describe.each(databases.eachSupportedId())(
  'promotion history on %s',
  databaseId => {
    let sandbox: Server;
    let mlflowUrl: string;
    let knex: Knex;

    beforeAll(async () => {
      sandbox = createSandboxApp().listen(0, '127.0.0.1');
      await new Promise(resolve => sandbox.once('listening', resolve));
      mlflowUrl = `http://127.0.0.1:${
        (sandbox.address() as AddressInfo).port
      }/mlflow`;
      knex = await databases.init(databaseId);
    });

    afterAll(async () => {
      await new Promise(resolve => sandbox.close(resolve));
    });

    const startBackend = () =>
      startTestBackend({
        features: [
          mlopsPlugin,
          catalogServiceMock.factory({
            entities: [modelEntityV1alpha1Schema.examples[0] as any],
          }),
          mockServices.rootConfig.factory({
            data: {
              mlops: {
                mlflow: {
                  instances: [{ name: 'default', baseUrl: mlflowUrl }],
                },
              },
            },
          }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
          mockServices.database.factory({ knex }),
        ],
      });

    it('survives a backend restart', async () => {
      const first = await startBackend();
      const promoted = await request(first.server)
        .post(`${base}/promotions`)
        .set('Authorization', mockCredentials.user.header(user))
        .send({
          alias: 'challenger',
          version: '3',
          reason: 'shadow test v3',
          expectedCurrentVersion: '6',
        });
      expect(promoted.status).toBe(201);
      await first.stop();

      const second = await startBackend();
      const history = await request(second.server)
        .get(`${base}/promotions`)
        .set('Authorization', mockCredentials.user.header(user));
      expect(history.body.items).toEqual([
        expect.objectContaining({
          id: promoted.body.id,
          state: 'completed',
          fromVersion: '6',
          toVersion: '3',
          requestedBy: user,
        }),
      ]);
      const registry = await request(second.server)
        .get(`${base}/registry`)
        .set('Authorization', mockCredentials.user.header(user));
      expect(registry.body.aliases).toContainEqual(
        expect.objectContaining({
          alias: 'challenger',
          version: '3',
          movedBy: user,
        }),
      );
      await second.stop();
    });
  },
);
