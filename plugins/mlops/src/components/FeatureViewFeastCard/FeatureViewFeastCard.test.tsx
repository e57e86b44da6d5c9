import { screen } from '@testing-library/react';
import { exampleFeatureView } from '../../__testUtils__/exampleEntities';
import { FakeMlopsApi } from '../../__testUtils__/FakeMlopsApi';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { FeatureViewFeastCard } from './FeatureViewFeastCard';

describe('FeatureViewFeastCard', () => {
  it('warns when the last materialization is older than the TTL, and shows freshness and join keys', async () => {
    await renderEntityTab(
      <FeatureViewFeastCard />,
      new FakeMlopsApi(),
      undefined,
      exampleFeatureView(),
    );
    expect(
      await screen.findByText(/Stale: the online store is older than the TTL/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Last materialized 2 d 8 h ago .*longer than its TTL of 2 days:/,
      ),
    ).toBeInTheDocument();
    // The TTL in words; the ISO 8601 value Feast holds stays in the tooltip.
    expect(screen.getByText('2 days')).toHaveAttribute('title', 'P2D');
    expect(screen.getByText('merchant_id (STRING)')).toBeInTheDocument();
    expect(
      screen.getByText('merchant_chargebacks_daily (batch)'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/differs from Feast/)).not.toBeInTheDocument();
  });

  it('shows a fresh view without a warning, and lists where the catalog differs from Feast', async () => {
    const api = new FakeMlopsApi();
    api.featureViewStatus.stale = false;
    api.featureViewStatus.ageSeconds = 720;
    api.featureViewStatus.catalogDifferences = [
      'Feature merchant_age_days is in the catalog but not in Feast',
    ];
    await renderEntityTab(
      <FeatureViewFeastCard />,
      api,
      undefined,
      exampleFeatureView(),
    );
    expect(await screen.findByText('fresh')).toBeInTheDocument();
    expect(screen.queryByText(/Stale:/)).not.toBeInTheDocument();
    expect(screen.getByText(/12 min ago/)).toBeInTheDocument();
    expect(
      screen.getByText(/The catalog entity differs from Feast/),
    ).toBeInTheDocument();
  });

  it('names Feast when the registry cannot be read', async () => {
    const api = new FakeMlopsApi();
    api.getFeatureViewStatus = async () => {
      throw new Error(
        "Feast registry 'default' getFeatureView failed: unreachable - connect ECONNREFUSED",
      );
    };
    await renderEntityTab(
      <FeatureViewFeastCard />,
      api,
      undefined,
      exampleFeatureView(),
    );
    expect(
      (
        await screen.findAllByText(
          /Feast registry 'default' getFeatureView failed/,
        )
      )[0],
    ).toBeInTheDocument();
  });
});
