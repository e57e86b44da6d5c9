/*
 * The MLflow stand-in's tracking side: runs with their metrics, params and tags, the files they logged, and the
 * tracking API's reads of them (`runs/get`, `runs/search`, `artifacts/list`, the artifact proxy's download).
 */

import type { VersionSeed } from './mlflowFakeTypes';
import {
  MlflowError,
  omitEmpty,
  required,
  runJson,
  StoredRun,
} from './mlflowWireFormat';
import { searchRuns } from './searchRuns';

/** Where the fake's runs keep their artifacts: below the proxy's `mlflow-artifacts:` scheme, as `mlflow server` does. */
const artifactRootOf = (run: StoredRun) =>
  `${run.experiment_id}/${run.run_id}/artifacts`;

export class MlflowRunStore {
  private readonly runs = new Map<string, StoredRun>();
  /** run id → artifact path → content. */
  private readonly artifacts = new Map<string, Map<string, string>>();
  private runCounter = 0;

  /** Logs a finished training run of model `name` with the seed's metrics, params and artifacts. */
  logTrainingRun(
    name: string,
    seed: VersionSeed,
  ): { runId: string; experimentId: string } {
    this.runCounter += 1;
    const runId = `${this.runCounter
      .toString(16)
      .padStart(8, '0')}${'a1b2c3d4e5f60718293a4b5c'}`;
    const experimentId = seed.experimentId ?? '1';
    this.runs.set(runId, {
      run_id: runId,
      run_name: `${name}-train-${this.runCounter}`,
      experiment_id: experimentId,
      status: 'FINISHED',
      lifecycle_stage: 'active',
      start_time: seed.createdAt - 45 * 60_000,
      end_time: seed.createdAt - 60_000,
      metrics: Object.entries(seed.metrics).map(([key, value]) => ({
        key,
        value,
        timestamp: seed.createdAt - 60_000,
        step: 0,
      })),
      params: Object.entries(seed.params ?? {}).map(([key, value]) => ({
        key,
        value,
      })),
      tags: [{ key: 'mlflow.user', value: seed.userId ?? 'kfp-pipeline' }],
    });
    for (const [path, content] of Object.entries(seed.artifacts ?? {})) {
      this.logArtifact(runId, path, content);
    }
    return { runId, experimentId };
  }

  /** Stores a file as logged by a run (`mlflow.log_dict`, `log_artifact`), at `path` below its artifact root. */
  logArtifact(runId: string, path: string, content: string) {
    if (!this.runs.has(runId)) {
      throw new Error(`No run ${runId}`);
    }
    const files = this.artifacts.get(runId) ?? new Map<string, string>();
    files.set(path.replace(/^\/+/, ''), content);
    this.artifacts.set(runId, files);
  }

  /** Marks a run deleted, as `mlflow.delete_run` does: runs/get still reads it, runs/search hides it unless asked. */
  deleteRun(runId: string) {
    this.mustGetRun(runId).lifecycle_stage = 'deleted';
  }

  /** Removes a run for good, as `mlflow gc` does after a deletion: the version keeps its dangling `run_id`. */
  purgeRun(runId: string) {
    this.mustGetRun(runId);
    this.runs.delete(runId);
    this.artifacts.delete(runId);
  }

  /** Sets a run's status, e.g. RUNNING for a run still logging metrics. */
  setRunStatus(runId: string, status: StoredRun['status']) {
    this.mustGetRun(runId).status = status;
  }

  /** `runs/get`: a run by `run_id` (or the older `run_uuid`). */
  getRun(p: Record<string, unknown>) {
    const runId = String(p.run_id ?? p.run_uuid ?? '');
    if (!runId) {
      required(p, 'run_id');
    }
    const run = this.runs.get(runId);
    if (!run) {
      throw new MlflowError(
        404,
        'RESOURCE_DOES_NOT_EXIST',
        `Run '${runId}' not found`,
      );
    }
    return { run: runJson(run) };
  }

  searchRuns(p: Record<string, unknown>) {
    return searchRuns(this.runs.values(), p);
  }

  /**
   * The content of a file below the artifact proxy, `<experiment>/<run>/artifacts/<path>` as the runs'
   * `mlflow-artifacts:` roots name them; undefined if there is none.
   */
  artifactAt(artifactPath: string): string | undefined {
    const match = /^([^/]+)\/([^/]+)\/artifacts\/(.+)$/.exec(artifactPath);
    return match && this.runs.get(match[2])?.experiment_id === match[1]
      ? this.artifacts.get(match[2])?.get(match[3])
      : undefined;
  }

  /** `artifacts/list`: the files and folders directly under `path` of a run's artifact root. */
  listArtifacts(p: Record<string, unknown>) {
    const runId = String(p.run_id ?? p.run_uuid ?? '');
    if (!runId) {
      required(p, 'run_id');
    }
    const run = this.mustGetRun(runId);
    const folder = String(p.path ?? '').replace(/^\/+|\/+$/g, '');
    const prefix = folder ? `${folder}/` : '';
    const entries = new Map<string, { is_dir: boolean; file_size?: number }>();
    for (const [path, content] of this.artifacts.get(runId) ?? []) {
      if (!path.startsWith(prefix)) continue;
      const [child, ...deeper] = path.slice(prefix.length).split('/');
      entries.set(
        `${prefix}${child}`,
        deeper.length
          ? { is_dir: true }
          : { is_dir: false, file_size: Buffer.byteLength(content) },
      );
    }
    return omitEmpty({
      root_uri: `mlflow-artifacts:/${artifactRootOf(run)}`,
      files: [...entries]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([path, info]) => ({ path, ...info })),
    });
  }

  mustGetRun(runId: string): StoredRun {
    const run = this.runs.get(runId);
    if (!run) {
      throw new MlflowError(
        404,
        'RESOURCE_DOES_NOT_EXIST',
        `Run '${runId}' not found`,
      );
    }
    return run;
  }
}
