import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { millisecondsOfSeconds, percentOfFraction } from './chartUnits';
import { TimeSeriesChart } from './TimeSeriesChart';

const T0 = 1764230400; // 2025-11-27T08:00:00Z, in seconds as the health series answer

describe('TimeSeriesChart', () => {
  it('shows raw seconds in ms: the unit on the value axis, bare ticks, a time axis, values with units on hover', async () => {
    await renderInTestApp(
      <TimeSeriesChart
        title="Latency p99"
        unit={millisecondsOfSeconds}
        thresholds={[{ value: 0.2, label: 'warning 200 ms' }]}
        series={[
          {
            name: 'stable v4',
            points: [
              { t: T0, v: 0.08 },
              { t: T0 + 3600, v: 0.12 },
            ],
          },
        ]}
      />,
    );
    const chart = screen.getByRole('img', { name: 'Latency p99: stable v4' });
    expect(chart.querySelector('[data-axis="value"]')).toHaveTextContent(
      /^ms$/,
    );
    // The top of the axis is 15% above the threshold (0.2 s): 230 ms, ticks without the unit, which the axis names.
    const ticks = [...chart.querySelectorAll('text[text-anchor="end"]')].map(
      t => t.textContent,
    );
    expect(ticks).toEqual(expect.arrayContaining(['0', '115', '230']));
    const time = chart.querySelector('[data-axis="time"]')!;
    const hhmm = (s: number) =>
      new Date(s * 1000).toLocaleTimeString([], {
        hour: '2-digit',
        minute: '2-digit',
      });
    expect(time).toHaveTextContent(hhmm(T0));
    expect(time).toHaveTextContent(hhmm(T0 + 1800));
    expect(time).toHaveTextContent(hhmm(T0 + 3600));
    expect(time).toHaveTextContent('time (local)');
    expect(chart.querySelector('circle title')).toHaveTextContent(/: 80 ms$/);
  });

  it('shows fractions in %, and says when there is no data instead of a time axis', async () => {
    await renderInTestApp(
      <TimeSeriesChart
        title="Error rate"
        unit={percentOfFraction}
        series={[]}
      />,
    );
    const chart = screen.getByRole('img', { name: 'Error rate: no data' });
    expect(chart.querySelector('[data-axis="value"]')).toHaveTextContent(/^%$/);
    expect(chart.querySelector('[data-axis="time"]')).toBeNull();
    expect(chart).toHaveTextContent('no data in this range');
  });
});
