import { PipelineRunFailedTask } from '@mlops-portal/plugin-mlops-common';
import { KfpRun, KfpTaskDetail } from '@mlops-portal/plugin-mlops-node';

const endOf = (task: KfpTaskDetail) =>
  task.end_time ? Date.parse(task.end_time) : Number.POSITIVE_INFINITY;

/**
 * The task that failed a run, from its `run_details.task_details` (api-contracts §3.4): a failed task none of
 * whose own tasks failed (the root DAG and any sub-DAG fail because a task inside them did, so they name no
 * cause), the one that ended first when several did. Its message is the task's `error.message`, else the run's.
 * Undefined when the run has no failed task in its details.
 */
export function failedTaskOf(run: KfpRun): PipelineRunFailedTask | undefined {
  const tasks = run.run_details?.task_details ?? [];
  const failed = tasks.filter(t => t.state === 'FAILED');
  const failedIds = new Set(failed.map(t => t.task_id));
  const causes = failed.filter(
    t => !(t.child_tasks ?? []).some(c => failedIds.has(c.task_id)),
  );
  const first = causes.sort((a, b) => endOf(a) - endOf(b))[0] as
    | KfpTaskDetail
    | undefined;
  if (!first) return undefined;
  const message = first.error?.message ?? run.error?.message;
  return {
    name: first.display_name ?? first.task_id ?? 'unnamed task',
    ...(message ? { message } : {}),
    ...(first.pod_name ? { podName: first.pod_name } : {}),
  };
}
