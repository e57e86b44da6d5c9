import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  MockSearchApi,
  SearchResult,
  searchApiRef,
} from '@backstage/plugin-search-react';
import { MlopsSearchDocument } from '@mlops-portal/plugin-mlops-common';
import { MlopsSearchResultListItem as MlopsSearchResultListItemExtension } from '../../plugin';
import { mlopsSearchDocument } from '../../testUtils';
import { MlopsSearchResultListItem } from './MlopsSearchResultListItem';

function featureViewDocument(features: string[]): MlopsSearchDocument {
  return mlopsSearchDocument({
    title: 'Customer transactions',
    text: 'Rolling transaction counts and amounts per card holder',
    location: '/catalog/default/featureview/customer-transactions',
    kind: 'FeatureView',
    entityRef: 'featureview:default/customer-transactions',
    type: '',
    owner: 'group:default/data-platform',
    framework: '',
    championVersion: '',
    championMetrics: [],
    challengerVersion: '',
    challengerMetrics: [],
    health: '',
    featureViews: [],
    featureViewTitles: [],
    features,
  });
}

describe('MlopsSearchResultListItem', () => {
  it("shows a Model's champion and challenger with their metrics, its health and its feature views", async () => {
    await renderInTestApp(
      <MlopsSearchResultListItem result={mlopsSearchDocument()} />,
    );
    expect(
      screen.getByRole('link', { name: 'Fraud detector' }),
    ).toHaveAttribute('href', '/catalog/default/model/fraud-detector');
    expect(screen.getByText('Champion v4')).toBeInTheDocument();
    expect(screen.getByText(/AUC 0\.924 · F1 0\.79/)).toBeInTheDocument();
    expect(screen.getByText('Challenger v6')).toBeInTheDocument();
    expect(screen.getByText(/AUC 0\.936/)).toBeInTheDocument();
    expect(screen.getByText('Warning')).toBeInTheDocument();
    expect(
      screen.getByText('Feature views: Customer transactions, Merchant risk'),
    ).toBeInTheDocument();
    for (const chip of [
      'Kind: Model',
      'Framework: xgboost',
      'Type: classification',
      'Lifecycle: production',
      'Owner: fraud-ml',
    ]) {
      expect(screen.getByText(chip)).toBeInTheDocument();
    }
  });

  it('says what it does not know rather than leaving it out', async () => {
    await renderInTestApp(
      <MlopsSearchResultListItem
        result={mlopsSearchDocument({
          championVersion: '',
          championMetrics: [],
          challengerVersion: '',
          health: '',
        })}
      />,
    );
    expect(screen.getByText('No champion known')).toBeInTheDocument();
    expect(screen.getByText('not known')).toBeInTheDocument();
    expect(screen.queryByText(/Challenger/)).not.toBeInTheDocument();
  });

  it("names a FeatureView's features, the first eight and how many more", async () => {
    const features = Array.from({ length: 10 }, (_, i) => `feature_${i}`);
    await renderInTestApp(
      <MlopsSearchResultListItem result={featureViewDocument(features)} />,
    );
    expect(
      screen.getByText(
        `Features: ${features.slice(0, 8).join(', ')} and 2 more`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Kind: FeatureView')).toBeInTheDocument();
    expect(screen.queryByText(/Champion/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Health/)).not.toBeInTheDocument();
  });

  it('highlights the words the search matched', async () => {
    await renderInTestApp(
      <MlopsSearchResultListItem
        result={mlopsSearchDocument()}
        highlight={{
          preTag: '<em>',
          postTag: '</em>',
          fields: { text: 'Features: <em>txn</em>_<em>amount</em>_sum_24h' },
        }}
      />,
    );
    const mark = screen.getByText('amount');
    expect(mark.tagName).toBe('MARK');
  });

  it('renders results of type mlops inside SearchResult, and leaves other types to other items', async () => {
    const searchApi = new MockSearchApi({
      results: [
        {
          type: 'software-catalog',
          document: {
            title: 'Fraud scoring service',
            text: 'Seldon deployment',
            location: '/catalog/default/component/fraud-scoring-service',
          },
        },
        { type: 'mlops', document: mlopsSearchDocument() },
        {
          type: 'mlops',
          document: featureViewDocument(['txn_amount_sum_24h']),
        },
      ],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[searchApiRef, searchApi]]}>
        <SearchResult query={{ term: 'txn_amount_sum_24h' }}>
          <MlopsSearchResultListItemExtension />
        </SearchResult>
      </TestApiProvider>,
    );
    const model = await screen.findByTestId(
      'mlops-search-result-model:default/fraud-detector',
    );
    expect(within(model).getByText('Champion v4')).toBeInTheDocument();
    expect(
      screen.getByTestId(
        'mlops-search-result-featureview:default/customer-transactions',
      ),
    ).toBeInTheDocument();
    // The catalog's result is rendered by the default item, not this one.
    expect(screen.getByText('Fraud scoring service')).toBeInTheDocument();
    expect(screen.getAllByTestId(/^mlops-search-result-/)).toHaveLength(2);
  });
});
