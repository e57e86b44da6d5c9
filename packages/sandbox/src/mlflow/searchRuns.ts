/*
 * The MLflow stand-in's `runs/search`: argument checks, filtering, MLflow's default order and its page tokens.
 */

import { MlflowError, omitEmpty, runJson, StoredRun } from './mlflowWireFormat';
import { parseRunSearchFilter, runMatches } from './runSearchFilter';

/** `runs/search`'s `max_results`: 1000 unless given, at most 50000 (handlers.py, SEARCH_MAX_RESULTS_THRESHOLD). */
const RUNS_DEFAULT_PAGE = 1000;
const RUNS_MAX_PAGE = 50000;
const RUN_VIEW_TYPES = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'];

/**
 * `runs/search` (POST, JSON body): the runs of `experiment_ids` (none given, none found) that match `filter`
 * (runSearchFilter.ts), newest first then by run id as MLflow orders them, `run_view_type` ACTIVE_ONLY unless
 * given. Pages as MLflow's SQL store does: a full page carries a `next_page_token`, even when nothing follows.
 */
export function searchRuns(
  allRuns: Iterable<StoredRun>,
  p: Record<string, unknown>,
) {
  const experimentIds = p.experiment_ids ?? [];
  if (
    !Array.isArray(experimentIds) ||
    experimentIds.some(id => typeof id !== 'string')
  ) {
    throw new MlflowError(
      400,
      'INVALID_PARAMETER_VALUE',
      `Invalid value ${JSON.stringify(
        p.experiment_ids,
      )} for parameter 'experiment_ids' supplied: a list of strings is expected.`,
    );
  }
  if (p.filter !== undefined && typeof p.filter !== 'string') {
    throw new MlflowError(
      400,
      'INVALID_PARAMETER_VALUE',
      `Invalid value ${JSON.stringify(
        p.filter,
      )} for parameter 'filter' supplied: a string is expected.`,
    );
  }
  const view = p.run_view_type ?? 'ACTIVE_ONLY';
  if (!RUN_VIEW_TYPES.includes(String(view))) {
    throw new MlflowError(
      400,
      'INVALID_PARAMETER_VALUE',
      `Invalid value ${JSON.stringify(
        view,
      )} for parameter 'run_view_type' supplied.`,
    );
  }
  const maxResults =
    p.max_results === undefined ? RUNS_DEFAULT_PAGE : Number(p.max_results);
  if (
    !Number.isInteger(maxResults) ||
    maxResults < 1 ||
    maxResults > RUNS_MAX_PAGE
  ) {
    throw new MlflowError(
      400,
      'INVALID_PARAMETER_VALUE',
      `Invalid value for request parameter max_results. It must be at most ${RUNS_MAX_PAGE}, but got value ${p.max_results}`,
    );
  }
  if (Array.isArray(p.order_by) && p.order_by.length > 0) {
    throw new MlflowError(
      501,
      'NOT_IMPLEMENTED',
      "The sandbox's MLflow stand-in searches runs in MLflow's default order only",
    );
  }
  const offset = runsPageOffset(p.page_token);
  const clauses = parseRunSearchFilter(p.filter ?? '');
  const runs = [...allRuns]
    .filter(
      run =>
        (experimentIds as string[]).includes(run.experiment_id) &&
        (view === 'ALL' ||
          (view === 'DELETED_ONLY') === (run.lifecycle_stage === 'deleted')) &&
        runMatches(run, clauses),
    )
    .sort(
      (a, b) => b.start_time - a.start_time || a.run_id.localeCompare(b.run_id),
    );
  const page = runs.slice(offset, offset + maxResults);
  return omitEmpty({
    runs: page.map(runJson),
    next_page_token:
      page.length === maxResults
        ? Buffer.from(JSON.stringify({ offset: offset + maxResults })).toString(
            'base64',
          )
        : undefined,
  });
}

/** The offset a runs/search page token carries (base64 of `{"offset": n}`, as MLflow's SearchUtils writes it). */
function runsPageOffset(token: unknown): number {
  if (token === undefined || token === '') {
    return 0;
  }
  const invalid = (detail: string) =>
    new MlflowError(
      400,
      'INVALID_PARAMETER_VALUE',
      `Invalid page token, ${detail}`,
    );
  const text = String(token);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
    throw invalid('could not base64-decode');
  }
  let parsed: { offset?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    throw invalid(
      `decoded value=${Buffer.from(text, 'base64').toString('utf8')}`,
    );
  }
  const offset = Number(parsed?.offset);
  if (!parsed?.offset || !Number.isInteger(offset) || offset < 0) {
    throw invalid(`parsed value=${JSON.stringify(parsed)}`);
  }
  return offset;
}
