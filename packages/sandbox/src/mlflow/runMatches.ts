/*
 * DEMO STAND-IN / TEST DOUBLE: evaluation of a parsed MLflow `runs/search` filter against stored runs: the
 * comparators (including SQL LIKE/ILIKE patterns and IN-lists) and the run attributes a filter can name.
 */
import type { RunFilterClause } from './runSearchFilter';
import { StoredRun } from './mlflowWireFormat';

const likePattern = (pattern: string, flags: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/%/g, '.*')
      .replace(/_/g, '.')}$`,
    flags,
  );

function compare(
  lhs: string | number,
  comparator: string,
  rhs: RunFilterClause['value'],
): boolean {
  switch (comparator) {
    case '=':
      return lhs === rhs;
    case '!=':
      return lhs !== rhs;
    case '<':
      return Number(lhs) < (rhs as number);
    case '<=':
      return Number(lhs) <= (rhs as number);
    case '>':
      return Number(lhs) > (rhs as number);
    case '>=':
      return Number(lhs) >= (rhs as number);
    case 'LIKE':
      return likePattern(String(rhs), '').test(String(lhs));
    case 'ILIKE':
      return likePattern(String(rhs), 'i').test(String(lhs));
    case 'IN':
      return (rhs as string[]).includes(String(lhs));
    case 'NOT IN':
      return !(rhs as string[]).includes(String(lhs));
    default:
      return false;
  }
}

function attributeOf(run: StoredRun, key: string): string | number | undefined {
  switch (key) {
    case 'run_id':
      return run.run_id;
    case 'run_name':
    case 'run name':
    case 'Run name':
    case 'Run Name':
      return run.run_name;
    case 'status':
      return run.status;
    case 'user_id':
      return run.tags.find(t => t.key === 'mlflow.user')?.value;
    case 'artifact_uri':
      return `mlflow-artifacts:/${run.experiment_id}/${run.run_id}/artifacts`;
    case 'start_time':
    case 'created':
    case 'Created':
      return run.start_time;
    case 'end_time':
      return run.end_time;
    default:
      return undefined;
  }
}

/** Whether a run satisfies every clause; a run without the metric, param or tag a clause names does not. */
export function runMatches(
  run: StoredRun,
  clauses: RunFilterClause[],
): boolean {
  return clauses.every(clause => {
    let lhs: string | number | undefined;
    if (clause.type === 'metric') {
      const latest = run.metrics
        .filter(m => m.key === clause.key)
        .sort((a, b) => b.timestamp - a.timestamp || b.step - a.step)[0];
      lhs = latest?.value;
    } else if (clause.type === 'parameter') {
      lhs = run.params.find(p => p.key === clause.key)?.value;
    } else if (clause.type === 'tag') {
      lhs = run.tags.find(t => t.key === clause.key)?.value;
    } else {
      lhs = attributeOf(run, clause.key);
    }
    return lhs !== undefined && compare(lhs, clause.comparator, clause.value);
  });
}
