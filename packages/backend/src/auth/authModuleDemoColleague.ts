import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The provider id: `/api/auth/colleague/refresh` signs in as the configured colleague. */
export const DEMO_COLLEAGUE_PROVIDER = 'colleague';

/*
 * DEMO ONLY: a second guest-like sign-in, so the demo has two people and a champion move one of them requests can
 * be approved by the other. Like Backstage's guest provider it needs no credentials, so it is refused outside
 * development unless `dangerouslyAllowOutsideDevelopment` is set (only the browser test's config does), and it
 * exists only where `auth.providers.colleague` is configured (app-config.yaml; never in production):
 *
 *   auth:
 *     providers:
 *       colleague:
 *         userEntityRef: user:default/jonas.berg
 *         ownershipEntityRefs: [user:default/jonas.berg, group:default/fraud-ml]
 */
const colleagueAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize({ config }) {
    return {
      allowed:
        process.env.NODE_ENV === 'development' ||
        config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') ===
          true,
    };
  },
  async authenticate(_, { allowed }) {
    if (!allowed) {
      throw new NotAllowedError(
        `The demo's '${DEMO_COLLEAGUE_PROVIDER}' sign-in is refused outside development unless auth.providers.${DEMO_COLLEAGUE_PROVIDER}.dangerouslyAllowOutsideDevelopment is set`,
      );
    }
    return { result: {} };
  },
});

export const authModuleDemoColleague = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-colleague-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const colleague = config.getOptionalConfig(
          `auth.providers.${DEMO_COLLEAGUE_PROVIDER}`,
        );
        if (!colleague) {
          return;
        }
        const userEntityRef = colleague.getString('userEntityRef');
        const ownershipEntityRefs = colleague.getOptionalStringArray(
          'ownershipEntityRefs',
        ) ?? [userEntityRef];
        providers.registerProvider({
          providerId: DEMO_COLLEAGUE_PROVIDER,
          factory: createProxyAuthProviderFactory({
            authenticator: colleagueAuthenticator,
            signInResolver: async (_, ctx) =>
              ctx.issueToken({
                claims: { sub: userEntityRef, ent: ownershipEntityRefs },
              }),
          }),
        });
      },
    });
  },
});
