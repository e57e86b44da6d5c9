import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeMlopsApi } from '../../__testUtils__/FakeMlopsApi';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { ModelMonitoringTab } from './ModelMonitoringTab';

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
    expect(screen.getByText('ModelFeatureDrift')).toBeInTheDocument();
    expect(screen.getByText('Feature amount drifted')).toBeInTheDocument();
    expect(
      screen.getByText(
        'No dataset drift: 25% of features drifted (dataset drifts at 50%)',
      ),
    ).toBeInTheDocument();
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
