import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  SearchApi,
  SearchContextProvider,
  searchApiRef,
} from '@backstage/plugin-search-react';
import { mlopsSearchDocument } from '@mlops-portal/plugin-mlops/testUtils';

type SearchQuery = Parameters<SearchApi['query']>[0];
import { searchPage } from './SearchPage';

const model = (name: string, framework: string, owner: string) => ({
  apiVersion: 'mlops.backstage.io/v1alpha1',
  kind: 'Model',
  metadata: { name, namespace: 'default' },
  spec: { type: 'classification', lifecycle: 'production', owner, framework },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

/** Opens the select filter labelled `label`. */
async function openSelect(label: string) {
  const control = screen
    .getAllByTestId('search-selectfilter-next')
    .find(el => within(el).queryByText(label));
  if (!control) {
    throw new Error(`No select filter labelled ${label}`);
  }
  await waitFor(() =>
    expect(within(control).getByRole('button')).not.toHaveAttribute(
      'aria-disabled',
      'true',
    ),
  );
  await userEvent.click(within(control).getByRole('button'));
}

describe('SearchPage', () => {
  it('offers the ML result type and filters for framework, owner and health, and shows ML results', async () => {
    const queries: SearchQuery[] = [];
    const searchApi: SearchApi = {
      async query(query) {
        queries.push(query);
        return {
          results: query.types?.includes('mlops')
            ? [{ type: 'mlops', document: mlopsSearchDocument() }]
            : [],
        };
      },
    };
    const catalogApi = catalogApiMock({
      entities: [
        model('fraud-detector', 'xgboost', 'group:default/fraud-ml'),
        model('churn-predictor', 'lightgbm', 'group:default/growth-ml'),
      ],
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [searchApiRef, searchApi],
          [catalogApiRef, catalogApi],
        ]}
      >
        <SearchContextProvider>{searchPage}</SearchContextProvider>
      </TestApiProvider>,
    );

    await userEvent.click(screen.getByText('ML'));
    const result = await screen.findByTestId(
      'mlops-search-result-model:default/fraud-detector',
    );
    expect(within(result).getByText('Champion v4')).toBeInTheDocument();
    expect(within(result).getByText('Warning')).toBeInTheDocument();
    expect(queries.at(-1)?.types).toEqual(['mlops']);

    // The framework and owner values come from the catalog's facets.
    await openSelect('Framework');
    await userEvent.click(
      await screen.findByRole('option', { name: 'lightgbm' }),
    );
    await waitFor(() =>
      expect(queries.at(-1)?.filters).toMatchObject({ framework: 'lightgbm' }),
    );

    await openSelect('Owner');
    expect(
      await screen.findByRole('option', { name: 'fraud-ml' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('option', { name: 'growth-ml' }));
    await waitFor(() =>
      expect(queries.at(-1)?.filters).toMatchObject({
        owner: 'group:default/growth-ml',
      }),
    );

    await openSelect('Health');
    await userEvent.click(
      await screen.findByRole('option', { name: 'Critical' }),
    );
    await waitFor(() =>
      expect(queries.at(-1)?.filters).toMatchObject({ health: 'critical' }),
    );
  }, 20_000);
});
