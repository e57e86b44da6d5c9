/*
 * DEMO STAND-IN / TEST DOUBLE: an in-memory MLflow model registry and run store that answers the REST API 2.0
 * (`/api/2.0/mlflow/...`) with MLflow's wire format, as written down in shared/reference/api-contracts.md §1:
 * snake_case fields, int64 timestamps as JSON numbers, string versions, empty fields omitted, `next_page_token`
 * paging, `{error_code, message}` errors with MLflow's HTTP statuses (RESOURCE_ALREADY_EXISTS is 400), JSON
 * bodies required on POST/PATCH/DELETE, and an HTML 404 for unknown routes. The sandbox serves it over HTTP and
 * the backend's tests serve it through msw, so both exercise the same behaviour.
 */

import {
  json,
  MlflowError,
  omitEmpty,
  paginate,
  registeredModelJson,
  required,
  runJson,
  StoredModel,
  StoredRun,
  StoredVersion,
  versionJson,
} from './mlflowWireFormat';
import { parseRunSearchFilter, runMatches } from './runSearchFilter';
import { setModelVersionTag } from './setModelVersionTag';

/**
 * A request as the fake sees it: method, path below `/api/2.0/mlflow` (for the artifact proxy, its path below
 * `/api/2.0`, i.e. `/mlflow-artifacts/artifacts/…`), query and raw body.
 */
export type MlflowFakeRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType?: string;
  body?: string;
};

export type MlflowFakeResponse = {
  status: number;
  contentType: 'application/json' | 'text/html' | 'application/octet-stream';
  body: string;
};

export type VersionSeed = {
  metrics: Record<string, number>;
  createdAt: number;
  userId?: string;
  description?: string;
  params?: Record<string, string>;
  /** Model version tags, e.g. `kfp_run_id` naming the Kubeflow run that registered it. */
  tags?: Record<string, string>;
  /** Files the training run logged, by path below its artifact root (e.g. `drift/reference.json`). */
  artifacts?: Record<string, string>;
  /** The experiment the training run was logged in; `1` unless given. */
  experimentId?: string;
};

/** Where the fake's runs keep their artifacts: below the proxy's `mlflow-artifacts:` scheme, as `mlflow server` does. */
const artifactRootOf = (run: StoredRun) =>
  `${run.experiment_id}/${run.run_id}/artifacts`;

/** `runs/search`'s `max_results`: 1000 unless given, at most 50000 (handlers.py, SEARCH_MAX_RESULTS_THRESHOLD). */
const RUNS_DEFAULT_PAGE = 1000;
const RUNS_MAX_PAGE = 50000;
const RUN_VIEW_TYPES = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'];

const RESERVED_ALIAS = /^(latest|v\d+)$/i;

export class MlflowFake {
  private readonly models = new Map<string, StoredModel>();
  private readonly runs = new Map<string, StoredRun>();
  /** run id → artifact path → content. */
  private readonly artifacts = new Map<string, Map<string, string>>();
  private runCounter = 0;
  /** Every request the fake answered, newest last: lets tests assert what a client sent. */
  readonly requests: MlflowFakeRequest[] = [];
  private static readonly MAX_RECORDED_REQUESTS = 200;
  /** How many requests the fake has answered in all (the list above keeps only the latest). */
  requestCount = 0;

  createRegisteredModel(
    name: string,
    options: {
      description?: string;
      tags?: Record<string, string>;
      createdAt?: number;
    } = {},
  ) {
    const now = options.createdAt ?? Date.now();
    this.models.set(name, {
      name,
      creation_timestamp: now,
      last_updated_timestamp: now,
      description: options.description,
      tags: Object.entries(options.tags ?? {}).map(([key, value]) => ({
        key,
        value,
      })),
      versions: [],
      aliases: new Map(),
    });
  }

  /** Logs a finished run with the metrics and registers it as the next version; returns the version. */
  addVersion(name: string, seed: VersionSeed): string {
    const model = this.mustGetModel(name);
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
    const version = String(model.versions.length + 1);
    model.versions.push({
      version,
      creation_timestamp: seed.createdAt,
      last_updated_timestamp: seed.createdAt,
      user_id: seed.userId,
      description: seed.description,
      source: `mlflow-artifacts:/${experimentId}/${runId}/artifacts/model`,
      run_id: runId,
      status: 'READY',
      tags: Object.entries(seed.tags ?? {}).map(([key, value]) => ({
        key,
        value,
      })),
    });
    model.last_updated_timestamp = Math.max(
      model.last_updated_timestamp,
      seed.createdAt,
    );
    return version;
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

  /** The training run of a version, for tests that log artifacts to it. */
  runIdOf(name: string, version: string): string {
    return this.mustGetVersion(this.mustGetModel(name), version).run_id!;
  }

  /**
   * Answers the artifact proxy's download, `GET /api/2.0/mlflow-artifacts/artifacts/<artifactPath>`:
   * `<experiment>/<run>/artifacts/<path>` as the runs' `mlflow-artifacts:` roots name them.
   */
  handleArtifactDownload(
    method: string,
    artifactPath: string,
  ): MlflowFakeResponse {
    this.record({
      method,
      path: `/mlflow-artifacts/artifacts/${artifactPath}`,
      query: new URLSearchParams(),
    });
    const match = /^([^/]+)\/([^/]+)\/artifacts\/(.+)$/.exec(artifactPath);
    const content =
      method.toUpperCase() === 'GET' &&
      match &&
      this.runs.get(match[2])?.experiment_id === match[1]
        ? this.artifacts.get(match[2])?.get(match[3])
        : undefined;
    if (content === undefined) {
      return json(404, {
        error_code: 'RESOURCE_DOES_NOT_EXIST',
        message: `No artifact at ${artifactPath}`,
      });
    }
    return {
      status: 200,
      contentType: artifactPath.endsWith('.json')
        ? 'application/json'
        : 'application/octet-stream',
      body: content,
    };
  }

  setAlias(name: string, alias: string, version: string) {
    this.mustGetModel(name).aliases.set(alias, version);
  }

  getAlias(name: string, alias: string): string | undefined {
    return this.models.get(name)?.aliases.get(alias);
  }

  /** Answers one REST call. Never throws: errors become MLflow's error responses. */
  handle(request: MlflowFakeRequest): MlflowFakeResponse {
    this.record(request);
    try {
      const route =
        this.routes()[`${request.method.toUpperCase()} ${request.path}`];
      if (!route) {
        return {
          status: 404,
          contentType: 'text/html',
          body: '<!doctype html><html lang=en><title>404 Not Found</title><h1>Not Found</h1><p>The requested URL was not found on the server.</p>',
        };
      }
      return json(200, route(this.params(request)));
    } catch (error) {
      if (error instanceof MlflowError) {
        return json(error.status, {
          error_code: error.errorCode,
          message: error.message,
        });
      }
      return json(500, {
        error_code: 'INTERNAL_ERROR',
        message: String(error),
      });
    }
  }

  private record(request: MlflowFakeRequest) {
    this.requestCount += 1;
    this.requests.push(request);
    if (this.requests.length > MlflowFake.MAX_RECORDED_REQUESTS) {
      this.requests.shift();
    }
  }

  private params(request: MlflowFakeRequest): Record<string, unknown> {
    if (request.method.toUpperCase() === 'GET') {
      const params: Record<string, unknown> = {};
      for (const key of new Set(request.query.keys())) {
        const values = request.query.getAll(key);
        params[key] = values.length > 1 ? values : values[0];
      }
      return params;
    }
    if (!request.contentType?.startsWith('application/json')) {
      throw new MlflowError(
        400,
        'BAD_REQUEST',
        "Bad Request. Content-Type must be one of ['application/json'].",
      );
    }
    try {
      return request.body ? JSON.parse(request.body) : {};
    } catch {
      throw new MlflowError(
        400,
        'MALFORMED_REQUEST',
        'Failed to parse the request body as JSON',
      );
    }
  }

  private routes(): Record<string, (p: Record<string, unknown>) => unknown> {
    return {
      'GET /registered-models/get': p => ({
        registered_model: registeredModelJson(
          this.mustGetModel(required(p, 'name')),
        ),
      }),
      'GET /registered-models/search': p => this.searchRegisteredModels(p),
      'GET /model-versions/get': p => {
        const model = this.mustGetModel(required(p, 'name'));
        return {
          model_version: versionJson(
            model,
            this.mustGetVersion(model, required(p, 'version')),
            true,
          ),
        };
      },
      'GET /model-versions/search': p => this.searchVersions(p),
      'POST /model-versions/set-tag': p => {
        setModelVersionTag(p, (name, version) =>
          this.models.get(name)?.versions.find(v => v.version === version),
        );
        return {};
      },
      'GET /registered-models/alias': p => {
        const name = required(p, 'name');
        const alias = required(p, 'alias');
        const model = this.models.get(name);
        const version = model?.aliases.get(alias);
        if (!model || !version) {
          throw new MlflowError(
            400,
            'INVALID_PARAMETER_VALUE',
            `Registered model alias ${alias} not found.`,
          );
        }
        return {
          model_version: versionJson(
            model,
            this.mustGetVersion(model, version),
            true,
          ),
        };
      },
      'POST /registered-models/alias': p => {
        const model = this.mustGetModel(required(p, 'name'));
        const alias = required(p, 'alias');
        const version = required(p, 'version');
        if (RESERVED_ALIAS.test(alias)) {
          throw new MlflowError(
            400,
            'INVALID_PARAMETER_VALUE',
            `'${alias}' alias name (case insensitive) is reserved.`,
          );
        }
        this.mustGetVersion(model, version);
        model.aliases.set(alias, version);
        model.last_updated_timestamp = Date.now();
        return {};
      },
      'DELETE /registered-models/alias': p => {
        const model = this.mustGetModel(required(p, 'name'));
        model.aliases.delete(required(p, 'alias'));
        return {};
      },
      'POST /registered-models/create': p => {
        const name = required(p, 'name');
        if (this.models.has(name)) {
          throw new MlflowError(
            400,
            'RESOURCE_ALREADY_EXISTS',
            `Registered Model (name=${name}) already exists. Error: (sqlite3.IntegrityError) UNIQUE constraint failed: registered_models.name`,
          );
        }
        const tags = (p.tags ?? []) as Array<{ key?: string; value?: string }>;
        if (
          !Array.isArray(tags) ||
          tags.some(t => typeof t?.key !== 'string')
        ) {
          throw new MlflowError(
            400,
            'INVALID_PARAMETER_VALUE',
            "Invalid value for parameter 'tags': each tag needs a key",
          );
        }
        this.createRegisteredModel(name, {
          description: p.description as string | undefined,
          tags: Object.fromEntries(tags.map(t => [t.key!, t.value ?? ''])),
        });
        return {
          registered_model: registeredModelJson(this.mustGetModel(name)),
        };
      },
      'GET /runs/get': p => {
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
      },
      'POST /runs/search': p => this.searchRuns(p),
      'GET /artifacts/list': p => this.listArtifacts(p),
    };
  }

  /** `artifacts/list`: the files and folders directly under `path` of a run's artifact root. */
  private listArtifacts(p: Record<string, unknown>) {
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

  /**
   * `runs/search` (POST, JSON body): the runs of `experiment_ids` (none given, none found) that match `filter`
   * (runSearchFilter.ts), newest first then by run id as MLflow orders them, `run_view_type` ACTIVE_ONLY unless
   * given. Pages as MLflow's SQL store does: a full page carries a `next_page_token`, even when nothing follows.
   */
  private searchRuns(p: Record<string, unknown>) {
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
    const runs = [...this.runs.values()]
      .filter(
        run =>
          (experimentIds as string[]).includes(run.experiment_id) &&
          (view === 'ALL' ||
            (view === 'DELETED_ONLY') ===
              (run.lifecycle_stage === 'deleted')) &&
          runMatches(run, clauses),
      )
      .sort(
        (a, b) =>
          b.start_time - a.start_time || a.run_id.localeCompare(b.run_id),
      );
    const page = runs.slice(offset, offset + maxResults);
    return omitEmpty({
      runs: page.map(runJson),
      next_page_token:
        page.length === maxResults
          ? Buffer.from(
              JSON.stringify({ offset: offset + maxResults }),
            ).toString('base64')
          : undefined,
    });
  }

  private mustGetRun(runId: string): StoredRun {
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

  private searchRegisteredModels(p: Record<string, unknown>) {
    const filter = typeof p.filter === 'string' ? p.filter : '';
    const like = /^name\s+(?:I?LIKE)\s+'(.*)'$/i.exec(filter.trim());
    const equals = /^name\s*=\s*'(.*)'$/.exec(filter.trim());
    let models = [...this.models.values()].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    if (equals) {
      models = models.filter(m => m.name === equals[1]);
    } else if (like) {
      const pattern = new RegExp(
        `^${like[1]
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/%/g, '.*')
          .replace(/_/g, '.')}$`,
        'i',
      );
      models = models.filter(m => pattern.test(m.name));
    }
    const { page, nextPageToken } = paginate(models, p, 100, 1000);
    return omitEmpty({
      registered_models: page.map(m => registeredModelJson(m)),
      next_page_token: nextPageToken,
    });
  }

  private searchVersions(p: Record<string, unknown>) {
    const filter = typeof p.filter === 'string' ? p.filter.trim() : '';
    const byName = /^name\s*=\s*'(.*)'$/.exec(filter);
    if (filter && !byName) {
      throw new MlflowError(
        400,
        'INVALID_PARAMETER_VALUE',
        `Invalid filter '${filter}'`,
      );
    }
    const models = byName
      ? [this.models.get(byName[1])].filter((m): m is StoredModel => Boolean(m))
      : [...this.models.values()];
    const rows = models.flatMap(model =>
      [...model.versions].reverse().map(version => ({ model, version })),
    );
    const { page, nextPageToken } = paginate(rows, p, 200000, 200000);
    return omitEmpty({
      // model-versions/search does not include aliases (observed on a running server).
      model_versions: page.map(r => versionJson(r.model, r.version, false)),
      next_page_token: nextPageToken,
    });
  }

  private mustGetModel(name: string): StoredModel {
    const model = this.models.get(name);
    if (!model) {
      throw new MlflowError(
        404,
        'RESOURCE_DOES_NOT_EXIST',
        `Registered Model with name=${name} not found`,
      );
    }
    return model;
  }

  private mustGetVersion(model: StoredModel, version: string): StoredVersion {
    const found = model.versions.find(v => v.version === version);
    if (!found) {
      throw new MlflowError(
        404,
        'RESOURCE_DOES_NOT_EXIST',
        `Model Version (name=${model.name}, version=${version}) not found`,
      );
    }
    return found;
  }
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
