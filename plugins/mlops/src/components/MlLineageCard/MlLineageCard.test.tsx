import { screen, within } from '@testing-library/react';
import {
  exampleFeatureView,
  exampleModel,
  examplePipeline,
  withRelations,
} from '../../__testUtils__/exampleEntities';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { MlLineageCard } from './MlLineageCard';

const modelWithRelations = () =>
  withRelations(exampleModel(), [
    ['consumesFeatures', 'featureview:default/customer-transactions'],
    ['consumesFeatures', 'featureview:default/merchant-risk'],
    ['trainedBy', 'pipeline:default/fraud-detector-training'],
    ['dependsOn', 'component:default/fraud-scoring-service'],
    ['dependsOn', 'resource:default/model-bucket'],
    ['ownedBy', 'group:default/ml-fraud'],
  ]);

function stage(name: string) {
  return within(screen.getByRole('group', { name }));
}

describe('MlLineageCard', () => {
  it('draws a model from its feature views through its pipeline to its serving component', async () => {
    await renderEntityCard(<MlLineageCard />, modelWithRelations());

    expect(
      stage('Feature views').getByRole('link', {
        name: 'customer-transactions',
      }),
    ).toBeInTheDocument();
    expect(
      stage('Feature views').getByRole('link', { name: 'merchant-risk' }),
    ).toBeInTheDocument();
    expect(
      stage('Pipeline').getByRole('link', { name: 'fraud-detector-training' }),
    ).toBeInTheDocument();
    expect(
      stage('Model').getByRole('link', { name: 'fraud-detector' }),
    ).toBeInTheDocument();
    expect(
      stage('Serving').getByRole('link', { name: 'fraud-scoring-service' }),
    ).toBeInTheDocument();
    // Only components serve; other dependencies stay off the lineage.
    expect(screen.queryByText('model-bucket')).toBeNull();
    // The arrows say what each step does, in words rather than relation keys.
    for (const words of ['feed', 'trains', 'served by']) {
      expect(screen.getByText(words)).toBeInTheDocument();
    }
  });

  it('on the serving component, draws the lineage of the model it serves', async () => {
    const component = withRelations(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'fraud-scoring-service', namespace: 'default' },
        spec: { type: 'service', owner: 'ml-fraud', lifecycle: 'production' },
      },
      [
        ['dependencyOf', 'model:default/fraud-detector'],
        ['dependencyOf', 'component:default/checkout'],
      ],
    );
    await renderEntityCard(<MlLineageCard />, component, [
      modelWithRelations(),
    ]);

    expect(
      await screen.findByRole('link', { name: 'customer-transactions' }),
    ).toBeInTheDocument();
    expect(
      stage('Model').getByRole('link', { name: 'fraud-detector' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('checkout')).toBeNull();
  });

  it('on a pipeline, draws the lineage of each model it trains, read from the catalog', async () => {
    const pipeline = withRelations(examplePipeline(), [
      ['trains', 'model:default/fraud-detector'],
    ]);
    await renderEntityCard(<MlLineageCard />, pipeline, [modelWithRelations()]);

    expect(
      await screen.findByRole('link', { name: 'customer-transactions' }),
    ).toBeInTheDocument();
    expect(
      stage('Model').getByRole('link', { name: 'fraud-detector' }),
    ).toBeInTheDocument();
  });

  it('on a feature view nobody consumes, says so', async () => {
    await renderEntityCard(<MlLineageCard />, exampleFeatureView());
    expect(
      await screen.findByText(
        'No model in the catalog is linked to this entity yet.',
      ),
    ).toBeInTheDocument();
  });
});
