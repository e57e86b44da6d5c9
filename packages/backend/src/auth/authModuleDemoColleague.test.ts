import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import authPlugin from '@backstage/plugin-auth-backend';
import { authModuleDemoColleague } from './authModuleDemoColleague';

jest.setTimeout(60_000);

describe('the demo colleague sign-in', () => {
  const start = (colleague: object) =>
    startTestBackend({
      features: [
        authPlugin,
        authModuleDemoColleague,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            auth: { providers: { colleague } },
          },
        }),
      ],
    });
  const refresh = (server: any) =>
    request(server)
      .get('/api/auth/colleague/refresh')
      .set('x-requested-with', 'XMLHttpRequest');

  it('signs in as the configured person, owning what the config says', async () => {
    const backend = await start({
      userEntityRef: 'user:default/jonas.berg',
      ownershipEntityRefs: [
        'user:default/jonas.berg',
        'group:default/fraud-ml',
      ],
      // The test runs with NODE_ENV=test, which is not development.
      dangerouslyAllowOutsideDevelopment: true,
    });
    try {
      const res = await refresh(backend.server);
      expect(res.status).toBe(200);
      expect(res.body.backstageIdentity.identity).toEqual({
        type: 'user',
        userEntityRef: 'user:default/jonas.berg',
        ownershipEntityRefs: [
          'user:default/jonas.berg',
          'group:default/fraud-ml',
        ],
      });
      expect(res.body.backstageIdentity.token).toEqual(expect.any(String));
    } finally {
      await backend.stop();
    }
  });

  it('is refused outside development unless the config allows it', async () => {
    const backend = await start({
      userEntityRef: 'user:default/jonas.berg',
    });
    try {
      const res = await refresh(backend.server);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /refused outside development unless auth\.providers\.colleague\.dangerouslyAllowOutsideDevelopment is set/,
      );
    } finally {
      await backend.stop();
    }
  });
});
