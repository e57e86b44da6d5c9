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

  it('says a pipeline without schedule runs on demand', async () => {
    const pipeline = examplePipeline();
    delete pipeline.spec.schedule;
    await renderEntityCard(<PipelineOverviewCard />, pipeline);
    expect(screen.getByText('on demand')).toBeInTheDocument();
  });
});
