import { mockCredentials } from '@backstage/backend-test-utils';
import { Server } from 'node:http';
import { Knex } from 'knex';
import request from 'supertest';
import {
  startMlopsBackendAgainst,
  startSandbox,
} from './__testUtils__/mlopsBackend';
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
    let sandboxUrl: string;
    let knex: Knex;

    beforeAll(async () => {
      const started = await startSandbox();
      sandbox = started.server;
      sandboxUrl = started.url;
      knex = await databases.init(databaseId);
    });

    afterAll(async () => {
      await new Promise(resolve => sandbox.close(resolve));
    });

    const startBackend = () => startMlopsBackendAgainst(sandboxUrl, knex);

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
