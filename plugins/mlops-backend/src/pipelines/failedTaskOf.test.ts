import { failedTaskOf } from './failedTaskOf';

describe('failedTaskOf', () => {
  it('names the task inside the failed DAGs that failed first, with its own message', () => {
    expect(
      failedTaskOf({
        run_id: 'r',
        display_name: 'nightly',
        state: 'FAILED',
        error: { message: 'run failed' },
        run_details: {
          task_details: [
            {
              task_id: 'root',
              display_name: 'training',
              state: 'FAILED',
              child_tasks: [{ task_id: 'dag' }, { task_id: 'ok' }],
            },
            { task_id: 'ok', display_name: 'Preprocess', state: 'SUCCEEDED' },
            {
              task_id: 'dag',
              display_name: 'for-loop',
              state: 'FAILED',
              child_tasks: [{ task_id: 'a' }, { task_id: 'b' }],
            },
            {
              task_id: 'b',
              display_name: 'Evaluate',
              state: 'FAILED',
              end_time: '2026-11-26T03:20:00Z',
              error: { message: 'second' },
            },
            {
              task_id: 'a',
              display_name: 'Train',
              state: 'FAILED',
              end_time: '2026-11-26T03:10:00Z',
              error: { message: 'exit code 1' },
              pod_name: 'training-abc-train',
            },
          ],
        },
      }),
    ).toEqual({
      name: 'Train',
      message: 'exit code 1',
      podName: 'training-abc-train',
    });
  });

  it('never names a DAG that only failed because of a task inside it, even one that ended first', () => {
    expect(
      failedTaskOf({
        run_id: 'r',
        display_name: 'nightly',
        state: 'FAILED',
        run_details: {
          task_details: [
            {
              task_id: 'root',
              display_name: 'training',
              state: 'FAILED',
              end_time: '2026-11-26T03:30:00Z',
              child_tasks: [{ task_id: 'gate' }],
            },
            // Killed with its pod: Kubeflow recorded no end time for it.
            {
              task_id: 'gate',
              display_name: 'Validate gate',
              state: 'FAILED',
              error: { message: 'pod deleted' },
            },
          ],
        },
      }),
    ).toEqual({ name: 'Validate gate', message: 'pod deleted' });
  });

  it("falls back to the run's message, and names nothing without task details", () => {
    expect(
      failedTaskOf({
        run_id: 'r',
        display_name: 'nightly',
        state: 'FAILED',
        error: { message: 'run failed' },
        run_details: {
          task_details: [
            { task_id: 't', display_name: 'Train', state: 'FAILED' },
          ],
        },
      }),
    ).toEqual({ name: 'Train', message: 'run failed' });
    expect(
      failedTaskOf({ run_id: 'r', display_name: 'n', state: 'FAILED' }),
    ).toBeUndefined();
  });
});
