import {
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
  ScmAuth,
} from '@backstage/integration-react';
import {
  AnyApiFactory,
  configApiRef,
  createApiFactory,
  discoveryApiRef,
} from '@backstage/core-plugin-api';
import {
  DemoSignInAuth,
  demoColleagueAuthApiRef,
  demoGuestAuthApiRef,
} from './components/signIn/DemoSignInAuth';

export const apis: AnyApiFactory[] = [
  createApiFactory({
    api: scmIntegrationsApiRef,
    deps: { configApi: configApiRef },
    factory: ({ configApi }) => ScmIntegrationsApi.fromConfig(configApi),
  }),
  ScmAuth.createDefaultApiFactory(),
  // DEMO ONLY: the two credential-less sign-ins of the demo's sign-in page.
  createApiFactory({
    api: demoGuestAuthApiRef,
    deps: { discovery: discoveryApiRef },
    factory: ({ discovery }) => new DemoSignInAuth('guest', discovery),
  }),
  createApiFactory({
    api: demoColleagueAuthApiRef,
    deps: { discovery: discoveryApiRef },
    factory: ({ discovery }) => new DemoSignInAuth('colleague', discovery),
  }),
];
