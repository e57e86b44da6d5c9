import { screen, within } from '@testing-library/react';
import { exampleModel } from '../../__testUtils__/exampleEntities';
import { FakeMlopsApi } from '../../__testUtils__/FakeMlopsApi';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { ModelChampionCard } from './ModelChampionCard';

function modelWithMetrics() {
  const model = exampleModel();
  model.spec.metrics = [
    { name: 'auc', title: 'ROC AUC', unit: 'ratio' },
    {
      name: 'p95_latency_ms',
      title: 'p95 latency',
      unit: 'ms',
      higherIsBetter: false,
    },
  ];
  return model;
}

function apiWithMetrics() {
  const api = new FakeMlopsApi();
  const [v3, v2] = api.registry.versions;
  v3.metrics = { auc: 0.93, p95_latency_ms: 31, f1: 0.8, logloss: 0.2 };
  v2.metrics = { auc: 0.88, p95_latency_ms: 28, f1: 0.8 };
  api.registry.aliases[0] = {
    ...api.registry.aliases[0],
    movedAt: '2026-11-20T09:00:00.000Z',
    movedBy: 'user:default/amira.haddad',
    promotionId: 'p1',
  };
  return api;
}

describe('ModelChampionCard', () => {
  it('names the champion, since when and by whom, and compares its key metrics with the challenger', async () => {
    await renderEntityTab(
      <ModelChampionCard />,
      apiWithMetrics(),
      undefined,
      modelWithMetrics(),
    );

    expect(await screen.findByText('v3 is champion')).toBeInTheDocument();
    expect(
      screen.getByText(
        new RegExp(
          `since ${new Date('2026-11-20T09:00:00.000Z')
            .toLocaleString()
            .replace(
              /[.*+?^${}()|[\]\\]/g,
              '\\$&',
            )} \\(\\d+ d( \\d+ h)? ago\\), promoted by`,
        ),
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Challenger: v2')).toBeInTheDocument();
    // The challenger's alias was set outside the portal, and the card says so instead of inventing a date.
    expect(screen.getByText(/set outside the portal/)).toBeInTheDocument();

    const table = screen.getByRole('table', { name: 'Key metrics' });
    const rows = within(table)
      .getAllByRole('row')
      .map(row => row.textContent);
    // Display names and units from spec.metrics, then the gated f1; metrics the spec does not name stay out.
    expect(rows).toEqual([
      'MetricChampion v3Challenger v2',
      'ROC AUC93%88% ▼ worse',
      'p95 latency31 ms28 ms ▲ better',
      'f10.80.8 (same)',
    ]);
    expect(
      screen.getByRole('link', { name: /Versions, promotion and history/ }),
    ).toHaveAttribute('href', '/catalog/default/model/fraud-detector/registry');
  });

  it('says when no version is champion yet, pointing to the Registry tab', async () => {
    const api = new FakeMlopsApi();
    api.registry.aliases = [];
    await renderEntityTab(<ModelChampionCard />, api);
    expect(
      await screen.findByText(/No version is champion yet/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Registry tab' })).toHaveAttribute(
      'href',
      '/catalog/default/model/fraud-detector/registry',
    );
    expect(screen.queryByRole('table')).toBeNull();
  });

  it("shows the backend's reason when the registry cannot be read", async () => {
    const api = new FakeMlopsApi();
    api.getRegistry = async () => {
      throw new Error("MLflow instance 'default' is unreachable");
    };
    await renderEntityTab(<ModelChampionCard />, api);
    expect(
      (
        await screen.findAllByText(/MLflow instance 'default' is unreachable/)
      )[0],
    ).toBeInTheDocument();
  });
});
