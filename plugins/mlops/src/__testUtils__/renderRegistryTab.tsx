import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ModelRegistryTab } from '../components/ModelRegistryTab/ModelRegistryTab';
import { FakeMlopsApi } from './FakeMlopsApi';
import { modelWithMetrics, namesApi } from './registryTestData';
import { renderEntityTab } from './renderEntityTab';

/**
 * Renders the Registry tab of `model` (the example Model with its metrics unless given) through
 * {@link renderEntityTab}, with people shown by their display names.
 */
export const renderRegistryTab = (
  api: FakeMlopsApi,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  model = modelWithMetrics(),
) =>
  renderEntityTab(
    // The catalog plugin's presentation API, as the app has it: people by their display names.
    <TestApiProvider apis={[namesApi]}>
      <ModelRegistryTab />
    </TestApiProvider>,
    api,
    permission,
    model,
  );

/** The versions table's Promote button of `version`. */
export const promoteButton = (version: string) =>
  screen.getByRole('button', { name: `Promote version ${version}` });
