import { forEachConcurrently } from '@mlops-portal/plugin-mlops-node';
import { MlflowApiError } from './MlflowApiError';
import { MlflowClient } from './MlflowClient';
import { MlflowRun } from './mlflowTypes';

/**
 * Run ids per `attributes.run_id IN (…)` list. MLflow sets no bound of its own, but its SQL store binds every id
 * as one query parameter, and SQLite before 3.32 allows 999 per statement (SQL Server 2100): 200 stays well
 * clear of both with the query's other parameters, and keeps each answer (runs with params and tags) small.
 */
export const RUN_IDS_PER_SEARCH = 200;

/**
 * Ids `attributes.run_id IN` can find. MLflow drops listed ids that are not lower case (search_utils.py
 * `_parse_run_ids`, for MySQL's case-insensitive IN) and only quotes them as given; MLflow's own ids (32 hex
 * digits) always qualify. Others are read one by one.
 */
const SEARCHABLE_RUN_ID = /^(?=.*[a-z])[a-z0-9_-]+$/;

/**
 * Many runs of one MLflow instance by id, in few calls. `runs/search` needs experiment ids and a model version
 * names none, so: `runs/get` the first run not yet read, which tells its experiment, then search that
 * experiment for all the other unread ids (`attributes.run_id IN (…)`, `run_view_type: ALL` so deleted runs are
 * found as `runs/get` finds them), in lists of {@link RUN_IDS_PER_SEARCH}, a few at a time, following pages;
 * repeat for the ids that experiment did not hold. A model's versions usually come from one or two experiments:
 * 500 runs cost 1 `runs/get` and 3 searches.
 *
 * A run MLflow does not have (`RESOURCE_DOES_NOT_EXIST`, e.g. removed by `mlflow gc`) is left out of the answer;
 * any other failure is thrown as the client's {@link MlflowApiError}.
 */
export async function getRunsById(
  client: MlflowClient,
  runIds: string[],
  options: {
    idsPerSearch?: number;
    pageSize?: number;
    concurrency?: number;
  } = {},
): Promise<Map<string, MlflowRun>> {
  const idsPerSearch = options.idsPerSearch ?? RUN_IDS_PER_SEARCH;
  // Larger than a list, so a page of found runs is never full: MLflow's SQL store sends a next_page_token with
  // every full page, and following it would cost one more call that answers nothing.
  const pageSize = options.pageSize ?? 1000;
  const concurrency = options.concurrency ?? 4;
  const found = new Map<string, MlflowRun>();
  const unique = [...new Set(runIds)];

  const getOne = async (runId: string) => {
    try {
      found.set(runId, await client.getRun(runId));
    } catch (error) {
      if (!(error instanceof MlflowApiError && error.isNotFound)) {
        throw error;
      }
    }
  };

  await forEachConcurrently(
    unique.filter(id => !SEARCHABLE_RUN_ID.test(id)),
    concurrency,
    getOne,
  );

  let pending = unique.filter(id => SEARCHABLE_RUN_ID.test(id));
  while (pending.length > 0) {
    const [first, ...rest] = pending;
    await getOne(first);
    const experimentId = found.get(first)?.info.experiment_id;
    if (experimentId !== undefined && rest.length > 0) {
      const lists: string[][] = [];
      for (let i = 0; i < rest.length; i += idsPerSearch) {
        lists.push(rest.slice(i, i + idsPerSearch));
      }
      const wanted = new Set(rest);
      await forEachConcurrently(lists, concurrency, async ids => {
        const runs = await client.searchRuns({
          experimentIds: [experimentId],
          filter: `attributes.run_id IN (${ids
            .map(id => `'${id}'`)
            .join(', ')})`,
          runViewType: 'ALL',
          maxResults: pageSize,
        });
        for (const run of runs) {
          if (wanted.has(run.info.run_id)) {
            found.set(run.info.run_id, run);
          }
        }
      });
    }
    pending = rest.filter(id => !found.has(id));
  }
  return found;
}
