import { screen, within } from '@testing-library/react';
import { exampleFeatureView } from '../../__testUtils__/exampleEntities';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { FeatureViewFeaturesCard } from './FeatureViewFeaturesCard';
import { FeatureViewOverviewCard } from './FeatureViewOverviewCard';

describe('FeatureView cards', () => {
  it('shows entities, source, TTL, stores and Feast project', async () => {
    await renderEntityCard(<FeatureViewOverviewCard />, exampleFeatureView());
    expect(screen.getByText('customer_id')).toBeInTheDocument();
    expect(
      screen.getByText('transactions_parquet (batch)'),
    ).toBeInTheDocument();
    expect(screen.getByText('1 day')).toHaveAttribute('title', 'P1D');
    expect(screen.getByText('online + offline')).toBeInTheDocument();
    expect(screen.getByText('fraud (default)')).toBeInTheDocument();
    expect(screen.getByText('customer_transactions')).toBeInTheDocument();
  });

  it('lists every feature with its Feast type', async () => {
    const featureView = exampleFeatureView();
    featureView.spec.features.push({
      name: 'avg_amount_7d',
      type: 'DOUBLE',
      description: 'Mean amount over 7 days',
    });
    await renderEntityCard(<FeatureViewFeaturesCard />, featureView);
    expect(screen.getByText('Features (2)')).toBeInTheDocument();
    const row = screen.getByText('avg_amount_7d').closest('tr')!;
    expect(within(row).getByText('DOUBLE')).toBeInTheDocument();
    expect(
      within(row).getByText('Mean amount over 7 days'),
    ).toBeInTheDocument();
  });
});
