import { screen } from '@testing-library/react';
import { exampleModel } from '../../__testUtils__/exampleEntities';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { ModelOverviewCard } from './ModelOverviewCard';

describe('ModelOverviewCard', () => {
  it('shows the spec at a glance with links to related entities', async () => {
    await renderEntityCard(<ModelOverviewCard />, exampleModel());

    expect(screen.getByText('xgboost')).toBeInTheDocument();
    // The registry as people call it, and the model's name kept on one line.
    const registry = ['MLflow (default):', ' fraud-detector'].map(part =>
      screen.getByText(
        (_, node) => node?.textContent === part && node.tagName === 'SPAN',
      ),
    );
    expect(registry.map(p => p.textContent)).toEqual([
      'MLflow (default):',
      ' fraud-detector',
    ]);
    for (const part of registry) {
      expect(part).toHaveStyle({ whiteSpace: 'nowrap' });
    }
    // Platform, runtime and cluster/namespace/name, each part kept on one line.
    const parts = ['seldon', 'mlserver', 'prod-eu/fraud/fraud-detector'].map(
      part => screen.getByText(part, { exact: false }),
    );
    expect(parts.map(p => p.textContent)).toEqual([
      'seldon',
      ' · mlserver',
      ' · prod-eu/fraud/fraud-detector',
    ]);
    for (const part of parts) {
      expect(part).toHaveStyle({ whiteSpace: 'nowrap' });
    }
    expect(screen.getByText('auc ≥ 0.9')).toBeInTheDocument();
    expect(screen.getByText('Prometheus default')).toBeInTheDocument();
    // The example names PSI at 0.2 for every feature.
    expect(screen.getByText('every feature: PSI ≥ 0.2')).toBeInTheDocument();
    expect(
      screen.getByText('the dataset drifts when 50% of its features do'),
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

  it("shows the drift service's defaults when the spec names no test: Wasserstein and Jensen–Shannon at 0.1", async () => {
    const model = exampleModel();
    model.spec.monitoring = { prometheus: 'default' };
    await renderEntityCard(<ModelOverviewCard />, model);

    expect(
      screen.getByText(
        'numerical features: Wasserstein distance (normed) ≥ 0.1',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('categorical features: Jensen–Shannon distance ≥ 0.1'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/psi/i)).toBeNull();
  });

  it('shows a threshold for the defaults, per-feature overrides and the dataset share as declared', async () => {
    const model = exampleModel();
    model.spec.monitoring = {
      drift: {
        threshold: 0.15,
        driftShare: 0.3,
        features: {
          amount: { method: 'psi', threshold: 0.25 },
          country: { method: 'chisquare' },
          merchant_age_days: 0.2,
        },
      },
    };
    await renderEntityCard(<ModelOverviewCard />, model);

    expect(
      screen.getByText(
        'numerical features: Wasserstein distance (normed) ≥ 0.15',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('categorical features: Jensen–Shannon distance ≥ 0.15'),
    ).toBeInTheDocument();
    expect(screen.getByText('amount: PSI ≥ 0.25')).toBeInTheDocument();
    // A model-wide threshold is a distance; a p-value test named per feature keeps the model's threshold too.
    expect(
      screen.getByText('country: chi-square p-value < 0.15'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'merchant_age_days: threshold 0.2 (the test of its kind)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('the dataset drifts when 30% of its features do'),
    ).toBeInTheDocument();
  });

  it('names gated metrics by their display names and units', async () => {
    const model = exampleModel();
    model.spec.metrics = [
      { name: 'auc', title: 'ROC AUC', unit: 'ratio' },
      { name: 'p95_latency_ms', title: 'p95 latency', unit: 'ms' },
    ];
    model.spec.qualityGates = [
      { metric: 'auc', min: 0.9 },
      { metric: 'p95_latency_ms', max: 50 },
    ];
    await renderEntityCard(<ModelOverviewCard />, model);
    expect(screen.getByText('ROC AUC ≥ 90%')).toBeInTheDocument();
    expect(screen.getByText('p95 latency ≤ 50 ms')).toBeInTheDocument();
  });
});
