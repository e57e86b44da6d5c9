import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, within } from '@testing-library/react';
import { exampleModel } from '../../__testUtils__/exampleEntities';
import { FakeMlopsApi } from '../../__testUtils__/FakeMlopsApi';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { ModelHealthCard } from './ModelHealthCard';

describe('ModelHealthCard', () => {
  it('shows the light, the reasons and each served version at a glance', async () => {
    const api = new FakeMlopsApi();
    api.health = {
      ...api.health,
      status: 'critical',
      reasons: ['stable (v4) error rate 7.00% ≥ 5.00%'],
    };
    await renderEntityTab(<ModelHealthCard />, api);
    expect(await screen.findByText('Critical')).toBeInTheDocument();
    expect(
      screen.getByText('stable (v4) error rate 7.00% ≥ 5.00%'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('stable v4: 40.2 req/s, errors 0.40%, p99 70 ms'),
    ).toBeInTheDocument();
    expect(screen.getByText('Prometheus default, last 5m')).toBeInTheDocument();
  });

  it('keeps each reason on one line, cut with an ellipsis and whole in its tooltip', async () => {
    const api = new FakeMlopsApi();
    const long =
      'alert ModelFeatureDrift firing: Feature days_since_last_login drifted (PSI 0.27)';
    api.health = {
      ...api.health,
      status: 'warning',
      reasons: [
        long,
        'live p95 latency 73 ms on stable (v4) breaks the gate ≤ 50 ms',
        'input customer-transactions is stale: 7 h old, TTL 6 h',
      ],
    };
    await renderEntityTab(<ModelHealthCard />, api);
    expect(await screen.findByText('Warning')).toBeInTheDocument();
    const reasons = within(
      screen.getByRole('list', { name: 'Health reasons' }),
    );
    const line = reasons.getByText(long);
    expect(line).toHaveAttribute('title', long);
    // MUI's noWrap: one line, an ellipsis where it is cut.
    expect(line).toHaveClass('MuiTypography-noWrap');
    expect(
      reasons.getByTitle(
        'input customer-transactions is stale: 7 h old, TTL 6 h',
      ),
    ).toBeInTheDocument();
    expect(
      reasons.getByTitle(
        'live p95 latency 73 ms on stable (v4) breaks the gate ≤ 50 ms',
      ),
    ).toBeInTheDocument();
  });

  it('says a batch model is scored in runs instead of listing traffic', async () => {
    const api = new FakeMlopsApi();
    api.health = {
      ...api.health,
      status: 'ok',
      reasons: [],
      predictors: [],
      servingMode: 'batch',
    };
    const model = exampleModel();
    model.spec.serving = {
      ...model.spec.serving!,
      mode: 'batch',
      scoringPipeline: 'pipeline:churn-scoring',
    };
    await renderEntityTab(
      <ModelHealthCard />,
      api,
      AuthorizeResult.ALLOW,
      model,
    );
    expect(await screen.findByText('Healthy')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Batch model: scored in runs of pipeline:churn-scoring, so no request traffic is expected',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/req\/s/)).toBeNull();
  });
});
