import { mockServices } from '@backstage/backend-test-utils';
import { refreshWithRetries } from './refreshWithRetries';

describe('refreshWithRetries', () => {
  it('tries again after a failed refresh, logging why, until one succeeds', async () => {
    const logger = mockServices.logger.mock();
    const outcomes = [
      new Error('mlops-kubeflow-pipelines is not connected yet'),
      new Error('Kubeflow Pipelines answered 503'),
    ];
    let calls = 0;
    await refreshWithRetries(
      async () => {
        calls++;
        const outcome = outcomes.shift();
        if (outcome) throw outcome;
      },
      { logger, what: 'Kubeflow pipelines', delaysMs: [5, 5, 5] },
    );
    expect(calls).toBe(3);
    expect(logger.warn).toHaveBeenCalledWith(
      'Kubeflow pipelines: refresh failed (mlops-kubeflow-pipelines is not connected yet); trying again in 0.005 s',
    );
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('gives up after its last delay, throwing the last failure with its message logged', async () => {
    const logger = mockServices.logger.mock();
    let calls = 0;
    await expect(
      refreshWithRetries(
        async () => {
          calls++;
          throw new Error(`down ${calls}`);
        },
        { logger, what: 'Feast feature views', delaysMs: [1, 1] },
      ),
    ).rejects.toThrow('down 3');
    expect(calls).toBe(3);
    expect(logger.error).toHaveBeenCalledWith(
      'Feast feature views: refresh failed 3 times, next try at the next scheduled refresh: down 3',
    );
  });
});
