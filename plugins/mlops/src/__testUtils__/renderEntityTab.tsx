import { Entity } from '@backstage/catalog-model';
import { ApiRef, identityApiRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ReactElement } from 'react';
import { SWRConfig } from 'swr';
import { mlopsApiRef } from '../api/MlopsApi';
import { exampleModel } from './exampleEntities';
import { FakeMlopsApi } from './FakeMlopsApi';

/**
 * Renders a tab (or card) as its EntityPage would, signed in as Amira, with `api` as the mlops backend and every
 * permission answering `permission`; the entity is the example Model unless given.
 */
export async function renderEntityTab(
  tab: ReactElement,
  api: FakeMlopsApi,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  entity: Entity = exampleModel(),
  /** More APIs, e.g. a signal API. */
  apis: Array<readonly [ApiRef<any>, any]> = [],
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [mlopsApiRef, api],
        [catalogApiRef, catalogApiMock()],
        [permissionApiRef, mockApis.permission({ authorize: permission })],
        [
          identityApiRef,
          mockApis.identity({ userEntityRef: 'user:default/amira.haddad' }),
        ],
        ...apis,
      ]}
    >
      {/* usePermission caches decisions in SWR; a fresh cache keeps tests from seeing each other's. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <EntityProvider entity={entity}>{tab}</EntityProvider>
      </SWRConfig>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
