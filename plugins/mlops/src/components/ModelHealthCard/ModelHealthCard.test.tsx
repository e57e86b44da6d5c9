import { screen } from '@testing-library/react';
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
});
