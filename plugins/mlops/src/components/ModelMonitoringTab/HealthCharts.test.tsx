import { screen } from '@testing-library/react';
import { exampleHealth } from '../../__testUtils__/exampleMlopsData';
import { FakeMlopsApi } from '../../__testUtils__/FakeMlopsApi';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { HealthCharts } from './HealthCharts';

describe('HealthCharts', () => {
  it('puts the units of the Deployment tab on its value axes: requests/s, % and ms, over a time axis', async () => {
    const api = new FakeMlopsApi();
    await renderEntityTab(
      <HealthCharts
        entityRef="model:default/fraud-detector"
        health={exampleHealth()}
      />,
      api,
    );
    const axis = (name: string) =>
      screen.getByRole('img', { name }).querySelector('[data-axis="value"]')
        ?.textContent;
    await screen.findByRole('img', { name: 'Traffic (requests/s): stable v4' });
    expect(axis('Traffic (requests/s): stable v4')).toBe('requests/s');
    expect(axis('Error rate: stable v4')).toBe('%');
    expect(axis('Latency p99: stable v4')).toBe('ms');
    const latency = screen.getByRole('img', { name: 'Latency p99: stable v4' });
    // The backend answers seconds (0.004) and a threshold of 0.25 s.
    expect(latency).toHaveTextContent('warning 250 ms');
    expect(latency.querySelector('circle title')).toHaveTextContent(/: 4 ms$/);
    expect(latency.querySelector('[data-axis="time"]')).not.toBeNull();
    const errors = screen.getByRole('img', { name: 'Error rate: stable v4' });
    expect(errors).toHaveTextContent('warning 1%');
    expect(errors.querySelector('circle title')).toHaveTextContent(/: 0.4%$/);
  });
});
