import { screen, within } from '@testing-library/react';
import { exampleModel } from '../../__testUtils__/exampleEntities';
import { FakeMlopsApi } from '../../__testUtils__/FakeMlopsApi';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { ModelCardCard } from './ModelCardCard';

const rowsOf = (name: string) =>
  within(screen.getByRole('table', { name }))
    .getAllByRole('row')
    .map(row => row.textContent);

describe('ModelCardCard', () => {
  it('renders the text of spec.modelCard as Markdown, what is not written, and the facts', async () => {
    const api = new FakeMlopsApi();
    const model = exampleModel();
    model.spec.metrics = [{ name: 'auc', title: 'ROC AUC', unit: 'ratio' }];
    await renderEntityTab(<ModelCardCard />, api, undefined, model);

    expect(
      await screen.findByText('From catalog-info.yaml (spec.modelCard)'),
    ).toBeInTheDocument();
    // Markdown, not the raw text.
    expect(screen.getByText('card-not-present').tagName).toBe('STRONG');
    expect(
      screen.getByText('Weaker on customers under 30 days old').tagName,
    ).toBe('LI');
    expect(
      screen.getByText(
        'Not written yet: out-of-scope use, training data, evaluation, ethical considerations and contact.',
      ),
    ).toBeInTheDocument();

    expect(rowsOf('Evaluation')).toEqual([
      'MetricGatechampion v4challenger v6',
      'ROC AUCROC AUC ≥ 90%92.4% pass88.6% fail',
      "f1f1 ≥ 0.7505 (0.95 × champion's —)0.79 pass0.78 pass",
      'p95_latency_ms3638',
    ]);
    expect(rowsOf('Per slice')).toEqual([
      'Slice (v4)ROC AUC',
      'card_not_present90.3%',
      'card_present94.1%',
    ]);
    expect(
      screen.getByRole('link', { name: /Kubeflow run run-6/ }),
    ).toHaveAttribute(
      'href',
      'https://kubeflow.example.com/#/runs/details/run-6',
    );
    expect(
      screen.getByText(/champion v4: no Kubeflow run recorded/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /customer-transactions/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/featureview/customer-transactions',
    );
    expect(
      screen.getByRole('link', { name: /fraud-detector-training/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/pipeline/fraud-detector-training',
    );
    expect(screen.getByRole('link', { name: /fraud-ml/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/fraud-ml',
    );
  });

  it('names a MODEL_CARD.md it was read from, with its own sections', async () => {
    const api = new FakeMlopsApi();
    api.modelCard.source = {
      type: 'file',
      location: 'https://github.com/acme/fraud/blob/main/MODEL_CARD.md',
    };
    api.modelCard.sections.push({
      title: 'Deployment notes',
      markdown: 'Served by `fraud-scoring-service`.',
    });
    await renderEntityTab(<ModelCardCard />, api);

    expect(
      await screen.findByRole('link', { name: /MODEL_CARD.md/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/fraud/blob/main/MODEL_CARD.md',
    );
    expect(screen.getByText('Deployment notes')).toBeInTheDocument();
    expect(screen.getByText('fraud-scoring-service').tagName).toBe('CODE');
  });

  it('shows what is missing when the Model has no card, and facts it could not read', async () => {
    const api = new FakeMlopsApi();
    api.modelCard = {
      ...api.modelCard,
      source: { type: 'none' },
      sections: [],
      missing: [
        { id: 'intendedUse', title: 'Intended use' },
        { id: 'limitations', title: 'Limitations' },
      ],
      facts: { ...api.modelCard.facts, registry: undefined },
      unavailable: [
        {
          fact: 'registry',
          message: "MLflow instance 'default' is unreachable",
        },
      ],
    };
    await renderEntityTab(<ModelCardCard />, api);

    expect(await screen.findByText('No model card yet:')).toBeInTheDocument();
    expect(
      screen.getByText(
        /intended use and limitations are not written\. Add a MODEL_CARD\.md beside catalog-info\.yaml, or spec\.modelCard/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "Could not read the registry: MLflow instance 'default' is unreachable",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
    // The lineage comes from the catalog and still shows.
    expect(
      screen.getByRole('link', { name: /customer-transactions/ }),
    ).toBeInTheDocument();
  });
});
