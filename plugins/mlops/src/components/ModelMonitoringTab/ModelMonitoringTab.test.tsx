import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { exampleModel } from '../../__testUtils__/exampleEntities';
import { FakeMlopsApi } from '../../__testUtils__/FakeMlopsApi';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { ModelMonitoringTab } from './ModelMonitoringTab';

/** The example model as a batch model scored by `pipeline:churn-scoring`. */
function batchModel() {
  const model = exampleModel();
  model.spec.serving = {
    ...model.spec.serving!,
    mode: 'batch',
    scoringPipeline: 'pipeline:churn-scoring',
  };
  return model;
}

describe('ModelMonitoringTab', () => {
  it('shows the status with its reasons, the served versions, alerts and per-feature drift', async () => {
    const api = new FakeMlopsApi();
    await renderEntityTab(<ModelMonitoringTab />, api);
    expect(await screen.findByText('Warning')).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Health reasons' })).getByText(
        'input drift: amount (25.00% of features)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('v4')).toBeInTheDocument();
    expect(screen.getByText('0.40%')).toBeInTheDocument();
    expect(screen.getByText('70 ms')).toBeInTheDocument();
    // Latency quantiles as written, not upper-cased.
    expect(screen.getByRole('columnheader', { name: 'p95' })).toHaveStyle(
      'text-transform: none',
    );
    expect(screen.getByText('ModelFeatureDrift')).toBeInTheDocument();
    expect(screen.getByText('Feature amount drifted')).toBeInTheDocument();
    // One of two features drifted, below the dataset's share, while ModelFeatureDrift fires: the heading says
    // both, never "no drift".
    expect(
      screen.getByRole('heading', {
        name: 'Feature drift: 1 of 2 features drifted (the dataset drifts at 50%); alert ModelFeatureDrift firing',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/no (dataset )?drift/i)).toBeNull();
    expect(
      screen.getByRole('progressbar', {
        name: 'amount score 0.420, threshold 0.1',
      }),
    ).toHaveAttribute('aria-valuenow', '100');
    expect(
      screen.getByRole('progressbar', {
        name: 'merchant_category score 0.0200, threshold 0.1',
      }),
    ).toHaveAttribute('aria-valuenow', '10');
    expect(
      screen.getByRole('img', {
        name: 'amount trend: 0.020, 0.030, 0.15, 0.42',
      }),
    ).toBeInTheDocument();
    expect(await screen.findByText('default/run-1')).toBeInTheDocument();
    expect(
      screen.getByText(
        'dataset drifted: amount, merchant_category (50% of features, threshold 50%)',
      ),
    ).toBeInTheDocument();
  });

  it('charts traffic, errors and p99 for the chosen range, with the status thresholds', async () => {
    const api = new FakeMlopsApi();
    await renderEntityTab(<ModelMonitoringTab />, api);
    await screen.findByRole('img', {
      name: 'Traffic (requests/s): stable v4',
    });
    expect(api.seriesCalls).toEqual([
      'requestsPerSecond 1h',
      'errorRate 1h',
      'p99 1h',
    ]);
    expect(
      screen.getByRole('img', { name: 'Error rate: stable v4' }),
    ).toHaveTextContent('critical 5%');
    fireEvent.mouseDown(screen.getByRole('button', { name: /1h/ }));
    fireEvent.click(await screen.findByRole('option', { name: '24h' }));
    await waitFor(() => expect(api.seriesCalls).toContain('p99 24h'));
  });

  it('says unknown, never healthy, and names the source that failed', async () => {
    const api = new FakeMlopsApi();
    api.health = {
      ...api.health,
      status: 'unknown',
      reasons: [
        "metrics unavailable: Prometheus instance 'default' query failed: unreachable",
      ],
      predictors: [],
      sources: [
        {
          name: 'metrics',
          ok: false,
          error: "Prometheus instance 'default' query failed: unreachable",
        },
      ],
    };
    await renderEntityTab(<ModelMonitoringTab />, api);
    expect(await screen.findByText('Unknown')).toBeInTheDocument();
    expect(screen.queryByText('Healthy')).toBeNull();
    expect(
      screen.getByText(
        "metrics unavailable: Prometheus instance 'default' query failed: unreachable",
        { selector: 'p.MuiTypography-colorError' },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('No traffic in the last 5m.')).toBeInTheDocument();
  });
});

describe('ModelMonitoringTab drift heading and flags', () => {
  it('names a firing drift alert the computed scores do not show, instead of saying no drift', async () => {
    const api = new FakeMlopsApi();
    api.health = {
      ...api.health,
      drift: {
        ...api.health.drift,
        share: 0,
        features: api.health.drift.features.map(f => ({
          ...f,
          drifted: false,
        })),
      },
    };
    await renderEntityTab(<ModelMonitoringTab />, api);
    expect(
      await screen.findByRole('heading', {
        name: 'Drift alert firing: ModelFeatureDrift (no computed score is past its threshold)',
      }),
    ).toBeInTheDocument();
  });

  it('says no drift only when no feature drifted and no drift alert fires', async () => {
    const api = new FakeMlopsApi();
    api.health = {
      ...api.health,
      alerts: [],
      drift: {
        ...api.health.drift,
        share: 0,
        features: api.health.drift.features.map(f => ({
          ...f,
          drifted: false,
        })),
      },
    };
    await renderEntityTab(<ModelMonitoringTab />, api);
    expect(
      await screen.findByRole('heading', {
        name: 'No drift: none of 2 features past its threshold',
      }),
    ).toBeInTheDocument();
  });

  it('shows the drifted flag next to the feature, before the wide columns', async () => {
    const api = new FakeMlopsApi();
    await renderEntityTab(<ModelMonitoringTab />, api);
    const heading = await screen.findByRole('heading', {
      name: /^Feature drift/,
    });
    const table = heading.closest('div.MuiPaper-root') as HTMLElement;
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers.slice(0, 3)).toEqual([
      'Feature',
      'Drifted',
      'Score against threshold',
    ]);
    const amount = within(table)
      .getByRole('cell', { name: 'amount' })
      .closest('tr')!;
    expect(within(amount).getAllByRole('cell')[1]).toHaveTextContent('drifted');
    expect(within(amount).getByText('wasserstein (numerical)')).toBeVisible();
  });
});

describe('ModelMonitoringTab health reasons', () => {
  it('lists a stale input and a live gate breach with the warning light, and names an input it could not read', async () => {
    const api = new FakeMlopsApi();
    api.health = {
      ...api.health,
      status: 'warning',
      reasons: [
        'live p95 latency 73 ms on stable (v4) breaks the gate ≤ 50 ms',
        'input customer-transactions is stale: 7 h old, TTL 6 h',
      ],
      inputs: [
        {
          featureView: 'featureview:default/customer-transactions',
          stale: true,
          ageSeconds: 7 * 3600,
          ttlSeconds: 6 * 3600,
        },
        {
          featureView: 'featureview:default/merchant-risk',
          error: "Feast registry 'default' is unreachable",
        },
      ],
      sources: [
        ...api.health.sources,
        {
          name: 'inputs',
          ok: false,
          error:
            "featureview:default/merchant-risk: Feast registry 'default' is unreachable",
        },
      ],
    };
    await renderEntityTab(<ModelMonitoringTab />, api);
    expect(await screen.findByText('Warning')).toBeInTheDocument();
    const reasons = within(
      screen.getByRole('list', { name: 'Health reasons' }),
    );
    expect(
      reasons.getByText(
        'live p95 latency 73 ms on stable (v4) breaks the gate ≤ 50 ms',
      ),
    ).toBeInTheDocument();
    expect(
      reasons.getByText(
        'input customer-transactions is stale: 7 h old, TTL 6 h',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "inputs unavailable: featureview:default/merchant-risk: Feast registry 'default' is unreachable",
      ),
    ).toBeInTheDocument();
  });
});

describe('ModelMonitoringTab of a batch model', () => {
  it('shows the scoring runs and drift, not traffic charts, served versions or "no traffic"', async () => {
    const api = new FakeMlopsApi();
    const asked = jest.spyOn(api, 'getPipelineRuns');
    api.health = {
      ...api.health,
      status: 'ok',
      reasons: [],
      predictors: [],
      servingMode: 'batch',
      sources: [
        { name: 'alerts', ok: true },
        { name: 'drift', ok: true },
      ],
    };
    await renderEntityTab(
      <ModelMonitoringTab />,
      api,
      AuthorizeResult.ALLOW,
      batchModel(),
    );
    expect(
      await screen.findByRole('heading', { name: 'Scoring runs' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('nightly 2026-11-26')).toBeInTheDocument();
    expect(asked).toHaveBeenCalledWith('pipeline:default/churn-scoring');
    expect(
      screen.getByRole('link', { name: 'churn-scoring' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Healthy')).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: /^Feature drift/ }),
    ).toBeVisible();
    expect(
      screen.queryByText('Traffic, errors and latency per version'),
    ).toBeNull();
    expect(screen.queryByText('Served versions')).toBeNull();
    expect(screen.queryByText(/no traffic/i)).toBeNull();
    expect(api.seriesCalls).toEqual([]);
  });

  it('says when a batch model names no scoring pipeline', async () => {
    const api = new FakeMlopsApi();
    const model = batchModel();
    delete model.spec.serving!.scoringPipeline;
    await renderEntityTab(
      <ModelMonitoringTab />,
      api,
      AuthorizeResult.ALLOW,
      model,
    );
    expect(
      await screen.findByText(
        'This batch model names no scoring pipeline (spec.serving.scoringPipeline), so its runs cannot be shown.',
      ),
    ).toBeInTheDocument();
  });
});

describe('ModelMonitoringTab drift reference', () => {
  it('says what the scores are compared with, and warns only when the reference is a fallback', async () => {
    const api = new FakeMlopsApi();
    await renderEntityTab(<ModelMonitoringTab />, api);
    expect(
      await screen.findByText(
        /compared with the window after the champion went live \(v4, .*\): v4 became champion/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Drift reference is a fallback/)).toBeNull();
  });

  it('shows the answer’s warning when the reference is the first look', async () => {
    const api = new FakeMlopsApi();
    api.health = {
      ...api.health,
      drift: {
        ...api.health.drift,
        reference: {
          source: 'first-look',
          capturedAt: '2026-11-27T09:00:00.000Z',
          reason: 'first look at the model: its current distributions',
          warning:
            'No training-run distributions and no promotion window: drift is measured against the first look, so scores start near zero.',
        },
      },
    };
    await renderEntityTab(<ModelMonitoringTab />, api);
    expect(
      await screen.findByText('Warning: Drift reference is a fallback'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No training-run distributions and no promotion window: drift is measured against the first look, so scores start near zero.',
      ),
    ).toBeVisible();
    expect(
      screen.getByText(/compared with the first look at the model \(/),
    ).toBeInTheDocument();
  });
});
