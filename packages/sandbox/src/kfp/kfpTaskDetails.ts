/*
 * The `run_details.task_details` of a stand-in run, as Kubeflow's API server gives them for `GET /runs/{id}`
 * (api-contracts §3.4): the root DAG (display name = the pipeline's, its executors in `child_tasks`) and one task
 * per step of the example training pipeline (preprocess → train → evaluate → validate gate). A failed run fails at
 * its `failure.task`: that task carries the error, the steps after it never start, and the root DAG fails too.
 */

/** The steps of the example training pipeline, by their display names. */
export const PIPELINE_STEPS = [
  'Preprocess',
  'Train',
  'Evaluate',
  'Validate gate',
];

export type RunFailure = { task: string; message: string };

export function kfpTaskDetails(run: {
  run_id: string;
  pipelineName: string;
  createdAt: number;
  finishedAt?: number;
  state: string;
  failure?: RunFailure;
}) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const failedAt = run.failure ? PIPELINE_STEPS.indexOf(run.failure.task) : -1;
  const steps =
    run.state === 'FAILED' && failedAt >= 0
      ? PIPELINE_STEPS.slice(0, failedAt + 1)
      : PIPELINE_STEPS;
  const end = run.finishedAt ?? Date.now();
  const slice = (end - run.createdAt) / steps.length;
  const tasks = steps.map((name, index) => {
    const failed = run.state === 'FAILED' && index === steps.length - 1;
    const done = run.state === 'SUCCEEDED' || run.state === 'FAILED';
    const slug = name.toLowerCase().replace(/ /g, '-');
    return {
      run_id: run.run_id,
      task_id: `${run.run_id}-${slug}`,
      display_name: name,
      create_time: iso(run.createdAt + index * slice),
      start_time: iso(run.createdAt + index * slice),
      ...(done ? { end_time: iso(run.createdAt + (index + 1) * slice) } : {}),
      state: taskState(failed, done),
      ...(failed && run.failure
        ? { error: { code: 2, message: run.failure.message } }
        : {}),
      pod_name: `${run.pipelineName}-${run.run_id.slice(0, 5)}-${slug}`,
      parent_task_id: `${run.run_id}-root`,
    };
  });
  const root = {
    run_id: run.run_id,
    task_id: `${run.run_id}-root`,
    display_name: run.pipelineName,
    create_time: iso(run.createdAt),
    start_time: iso(run.createdAt),
    ...(run.finishedAt ? { end_time: iso(run.finishedAt) } : {}),
    state: run.state,
    child_tasks: tasks.map(t => ({ task_id: t.task_id, pod_name: t.pod_name })),
  };
  return { task_details: [root, ...tasks] };
}

function taskState(failed: boolean, done: boolean) {
  if (failed) return 'FAILED';
  return done ? 'SUCCEEDED' : 'RUNNING';
}
