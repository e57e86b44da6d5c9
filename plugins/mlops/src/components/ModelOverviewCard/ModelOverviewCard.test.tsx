import { screen } from '@testing-library/react';
import { exampleModel } from '../../__testUtils__/exampleEntities';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { ModelOverviewCard } from './ModelOverviewCard';

describe('ModelOverviewCard', () => {
  it('shows the spec at a glance with links to related entities', async () => {
    await renderEntityCard(<ModelOverviewCard />, exampleModel());

    expect(screen.getByText('xgboost')).toBeInTheDocument();
    expect(
      screen.getByText('mlflow (default): fraud-detector'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('seldon · mlserver · prod-eu/fraud/fraud-detector'),
    ).toBeInTheDocument();
    expect(screen.getByText('auc ≥ 0.9')).toBeInTheDocument();
    expect(
      screen.getByText('Prometheus default · drift psi > 0.2'),
    ).toBeInTheDocument();

    expect(screen.getByRole('link', { name: 'ml-fraud' })).toHaveAttribute(
      'href',
      '/catalog/default/group/ml-fraud',
    );
    expect(
      screen.getByRole('link', { name: 'fraud-detector-training' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/pipeline/fraud-detector-training',
    );
    expect(
      screen.getByRole('link', { name: 'customer-transactions' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/featureview/customer-transactions',
    );
    expect(
      screen.getByRole('link', { name: 'fraud-scoring-service' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/fraud-scoring-service',
    );
  });

  it('describes upper, two-sided and regression gates, and says what is not declared', async () => {
    const model = exampleModel();
    model.spec.qualityGates = [
      { metric: 'p95_latency_ms', max: 50 },
      { metric: 'calibration', min: 0.9, max: 1.1 },
      { metric: 'f1', minRatioOfChampion: 0.95 },
    ];
    delete model.spec.serving;
    delete model.spec.trainedBy;
    await renderEntityCard(<ModelOverviewCard />, model);

    expect(screen.getByText('p95_latency_ms ≤ 50')).toBeInTheDocument();
    expect(screen.getByText('calibration ≥ 0.9, ≤ 1.1')).toBeInTheDocument();
    expect(screen.getByText('f1 ≥ 0.95 × champion')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'fraud-detector-training' }),
    ).toBeNull();
  });
});
