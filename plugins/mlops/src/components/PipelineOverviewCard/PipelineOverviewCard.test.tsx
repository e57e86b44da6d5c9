import { screen } from '@testing-library/react';
import { examplePipeline } from '../../__testUtils__/exampleEntities';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { PipelineOverviewCard } from './PipelineOverviewCard';

describe('PipelineOverviewCard', () => {
  it('shows the Kubeflow pipeline, schedule and the models it trains', async () => {
    await renderEntityCard(<PipelineOverviewCard />, examplePipeline());
    expect(
      screen.getAllByText('fraud-detector-training').length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('daily at 03:00 UTC')).toHaveAttribute(
      'title',
      'cron: 0 3 * * *',
    );
    expect(
      screen.getByRole('link', { name: 'fraud-detector' }),
    ).toHaveAttribute('href', '/catalog/default/model/fraud-detector');
  });

  it('shows the models whose trainedBy names it, once, for a pipeline ingested without produces', async () => {
    const pipeline = examplePipeline();
    pipeline.relations = [
      { type: 'trains', targetRef: 'model:default/fraud-detector' },
      { type: 'trains', targetRef: 'model:default/fraud-challenger' },
      { type: 'ownedBy', targetRef: 'group:default/fraud-ml' },
    ];
    await renderEntityCard(<PipelineOverviewCard />, pipeline);
    expect(
      screen.getAllByRole('link', { name: 'fraud-detector' }),
    ).toHaveLength(1);
    expect(
      screen.getByRole('link', { name: 'fraud-challenger' }),
    ).toHaveAttribute('href', '/catalog/default/model/fraud-challenger');
  });

  it('shows a trained model from the relations alone', async () => {
    const pipeline = examplePipeline();
    delete pipeline.spec.produces;
    pipeline.relations = [
      { type: 'trains', targetRef: 'model:default/fraud-challenger' },
    ];
    await renderEntityCard(<PipelineOverviewCard />, pipeline);
    expect(
      screen.getByRole('link', { name: 'fraud-challenger' }),
    ).toBeInTheDocument();
  });

  it('says a pipeline without schedule runs on demand', async () => {
    const pipeline = examplePipeline();
    delete pipeline.spec.schedule;
    await renderEntityCard(<PipelineOverviewCard />, pipeline);
    expect(screen.getByText('on demand')).toBeInTheDocument();
  });
});
