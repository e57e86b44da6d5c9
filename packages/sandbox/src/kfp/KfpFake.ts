import { randomUUID } from 'node:crypto';
import {
  filterByPredicates,
  KfpFakeResponse,
  Pipeline,
  pipelineWire,
  status,
  versionWire,
} from './kfpWire';
import { kfpTaskDetails, RunFailure } from './kfpTaskDetails';

export type { KfpFakeResponse } from './kfpWire';

/*
 * DEMO STAND-IN / TEST DOUBLE: the part of the Kubeflow Pipelines v2beta1 API server the portal uses
 * (api-contracts §3): pipelines by name, runs (create, get, list with paging, a state filter and `created_at`
 * sort), in its wire format — snake_case, empty fields omitted, `google.rpc.Status` errors, unknown request fields
 * rejected. A run advances PENDING → RUNNING → SUCCEEDED with time, so a run started from the portal finishes.
 */

type StoredRun = {
  run_id: string;
  display_name: string;
  description?: string;
  experiment_id?: string;
  pipeline_version_reference: {
    pipeline_id: string;
    pipeline_version_id: string;
  };
  runtime_config?: { parameters?: Record<string, unknown> };
  created_at: number;
  /** Fixed outcome for seeded runs; started runs succeed. */
  outcome: 'SUCCEEDED' | 'FAILED' | 'RUNNING';
  /** Where and why a failed run failed (its task details); a generic failure when absent. */
  failure?: RunFailure;
  runningAfterMs: number;
  doneAfterMs: number;
};

const RUN_FIELDS = [
  'display_name',
  'description',
  'experiment_id',
  'pipeline_version_reference',
  'runtime_config',
  'service_account',
];

export class KfpFake {
  private readonly pipelines = new Map<string, Pipeline>();
  private readonly runs: StoredRun[] = [];
  private readonly experiments: Array<{
    experiment_id: string;
    display_name: string;
    description?: string;
    created_at: string;
  }> = [];
  /** How long a started run takes to start and to finish. */
  timing = { runningAfterMs: 3_000, doneAfterMs: 15_000 };

  constructor(private readonly clock: () => number = Date.now) {}

  addPipeline(
    name: string,
    description?: string,
    options: { parameters?: Pipeline['parameters']; schedule?: string } = {},
  ): Pipeline {
    const pipeline: Pipeline = {
      pipeline_id: randomUUID(),
      display_name: name,
      name,
      description,
      created_at: new Date(this.clock() - 90 * 86_400_000).toISOString(),
      version_id: randomUUID(),
      parameters: options.parameters ?? {},
      schedule: options.schedule,
    };
    this.pipelines.set(name, pipeline);
    return pipeline;
  }

  /** Deletes a pipeline, as `DELETE /pipelines/{id}` would. */
  removePipeline(name: string) {
    this.pipelines.delete(name);
  }

  /** A run from the past (or still running) with a fixed outcome. */
  addRun(
    pipelineName: string,
    run: {
      displayName: string;
      ageMs: number;
      outcome: StoredRun['outcome'];
      durationMs?: number;
      parameters?: Record<string, unknown>;
      /** A fixed run id, so seeded MLflow versions can name the run that registered them. */
      runId?: string;
      /** For a FAILED run: the pipeline step that failed it and the task's error message. */
      failure?: RunFailure;
    },
  ) {
    const pipeline = this.pipelines.get(pipelineName)!;
    this.runs.push({
      run_id: run.runId ?? randomUUID(),
      display_name: run.displayName,
      pipeline_version_reference: {
        pipeline_id: pipeline.pipeline_id,
        pipeline_version_id: pipeline.version_id,
      },
      runtime_config: run.parameters
        ? { parameters: run.parameters }
        : undefined,
      created_at: this.clock() - run.ageMs,
      outcome: run.outcome,
      ...(run.failure ? { failure: run.failure } : {}),
      runningAfterMs: 1_000,
      doneAfterMs: run.durationMs ?? 1_800_000,
    });
  }

  handle(
    method: string,
    path: string,
    query: URLSearchParams,
    body?: any,
  ): KfpFakeResponse {
    const byName = /^\/pipelines\/names\/([^/]+)$/.exec(path);
    if (method === 'GET' && byName) {
      const pipeline = this.pipelines.get(decodeURIComponent(byName[1]));
      if (!pipeline) {
        return status(
          404,
          5,
          `Pipeline with name ${decodeURIComponent(byName[1])} not found`,
        );
      }
      return { status: 200, body: pipelineWire(pipeline) };
    }
    const versions = /^\/pipelines\/([^/]+)\/versions(?:\/([^/]+))?$/.exec(
      path,
    );
    if (method === 'GET' && versions) {
      const pipeline = [...this.pipelines.values()].find(
        p => p.pipeline_id === versions[1],
      );
      if (!pipeline || (versions[2] && versions[2] !== pipeline.version_id)) {
        return status(404, 5, `Pipeline version not found`);
      }
      const version = versionWire(pipeline);
      return {
        status: 200,
        body: versions[2]
          ? version
          : { pipeline_versions: [version], total_size: 1 },
      };
    }
    if (method === 'GET' && path === '/recurringruns') {
      const recurring = [...this.pipelines.values()]
        .filter(p => p.schedule)
        .map(p => ({
          recurring_run_id: `${p.pipeline_id}-schedule`,
          display_name: `${p.name} on schedule`,
          pipeline_version_reference: { pipeline_id: p.pipeline_id },
          trigger: { cron_schedule: { cron: p.schedule } },
          status: 'ENABLED',
          max_concurrency: '1',
          created_at: p.created_at,
        }));
      // The list key is camelCase in the real API server too (the proto field is named so).
      return {
        status: 200,
        body: recurring.length
          ? { recurringRuns: recurring, total_size: recurring.length }
          : {},
      };
    }
    if (method === 'GET' && path === '/pipelines') {
      const all = [...this.pipelines.values()].sort((a, b) =>
        a.name.localeCompare(b.name),
      );
      const size = Math.min(Number(query.get('page_size')) || 20, 200);
      const start = Number(query.get('page_token') || 0);
      const page = all.slice(start, start + size).map(p => pipelineWire(p));
      const next = start + size < all.length ? String(start + size) : undefined;
      return {
        status: 200,
        body: {
          ...(page.length ? { pipelines: page } : {}),
          total_size: all.length,
          ...(next ? { next_page_token: next } : {}),
        },
      };
    }
    if (method === 'POST' && path === '/experiments') {
      return this.createExperiment(body);
    }
    if (method === 'GET' && path === '/experiments') {
      const filtered = filterByPredicates(
        this.experiments.map(e => ({ ...e, storage_state: 'AVAILABLE' })),
        query.get('filter'),
      );
      return 'status' in filtered
        ? filtered
        : {
            status: 200,
            body: filtered.length
              ? { experiments: filtered, total_size: filtered.length }
              : {},
          };
    }
    if (method === 'POST' && path === '/runs') {
      return this.createRun(body);
    }
    const one = /^\/runs\/([^/:]+)$/.exec(path);
    if (method === 'GET' && one) {
      const run = this.runs.find(r => r.run_id === one[1]);
      return run
        ? { status: 200, body: this.wireWithDetails(run) }
        : status(404, 5, `Run ${one[1]} not found`);
    }
    if (method === 'GET' && path === '/runs') {
      return this.listRuns(query);
    }
    return status(404, 5, `Not Found: ${method} ${path}`);
  }

  private createRun(body: any): KfpFakeResponse {
    if (!body || typeof body !== 'object') {
      return status(400, 3, 'invalid request body');
    }
    const unknown = Object.keys(body).filter(k => !RUN_FIELDS.includes(k));
    if (unknown.length) {
      return status(400, 3, `proto: (line 1:2): unknown field "${unknown[0]}"`);
    }
    if (!body.display_name) {
      return status(
        400,
        3,
        'Invalid input error: A run must have a display name',
      );
    }
    const ref = body.pipeline_version_reference;
    const pipeline = [...this.pipelines.values()].find(
      p => p.pipeline_id === ref?.pipeline_id,
    );
    if (!pipeline) {
      return status(404, 5, `Pipeline ${ref?.pipeline_id} not found`);
    }
    if (
      body.experiment_id &&
      !this.experiments.some(e => e.experiment_id === body.experiment_id)
    ) {
      return status(404, 5, `Experiment ${body.experiment_id} not found`);
    }
    const run: StoredRun = {
      run_id: randomUUID(),
      display_name: body.display_name,
      description: body.description,
      experiment_id: body.experiment_id,
      pipeline_version_reference: {
        pipeline_id: pipeline.pipeline_id,
        pipeline_version_id: ref.pipeline_version_id ?? pipeline.version_id,
      },
      runtime_config: body.runtime_config,
      created_at: this.clock(),
      outcome: 'SUCCEEDED',
      ...this.timing,
    };
    this.runs.push(run);
    return { status: 200, body: this.wire(run) };
  }

  private createExperiment(body: any): KfpFakeResponse {
    const unknown = Object.keys(body ?? {}).filter(
      k => !['display_name', 'description', 'namespace'].includes(k),
    );
    if (unknown.length) {
      return status(400, 3, `proto: (line 1:2): unknown field "${unknown[0]}"`);
    }
    if (!body?.display_name) {
      return status(
        400,
        3,
        'Invalid input error: Experiment display name is empty',
      );
    }
    if (this.experiments.some(e => e.display_name === body.display_name)) {
      return status(
        409,
        6,
        `Failed to create a new experiment: experiment ${body.display_name} already exists`,
      );
    }
    const experiment = {
      experiment_id: randomUUID(),
      display_name: body.display_name,
      ...(body.description ? { description: body.description } : {}),
      created_at: new Date(this.clock()).toISOString(),
    };
    this.experiments.push(experiment);
    return { status: 200, body: { ...experiment, storage_state: 'AVAILABLE' } };
  }

  private listRuns(query: URLSearchParams): KfpFakeResponse {
    const filtered = filterByPredicates(
      this.runs.map(r => this.wire(r)),
      query.get('filter'),
    );
    if ('status' in filtered) {
      return filtered;
    }
    const runs = filtered;
    const sort = query.get('sort_by') ?? 'created_at';
    runs.sort((a, b) => a.created_at!.localeCompare(b.created_at!));
    if (sort.endsWith('desc')) runs.reverse();
    const size = Math.min(Number(query.get('page_size')) || 20, 200);
    const start = Number(query.get('page_token') || 0);
    const page = runs.slice(start, start + size);
    const next = start + size < runs.length ? String(start + size) : undefined;
    return {
      status: 200,
      body: {
        ...(page.length ? { runs: page } : {}),
        total_size: runs.length,
        ...(next ? { next_page_token: next } : {}),
      },
    };
  }

  /** A run with its task details, as `GET /runs/{id}` answers (the list leaves them out here). */
  private wireWithDetails(run: StoredRun) {
    const wire = this.wire(run);
    const pipeline = [...this.pipelines.values()].find(
      p => p.pipeline_id === run.pipeline_version_reference.pipeline_id,
    );
    return {
      ...wire,
      run_details: kfpTaskDetails({
        run_id: run.run_id,
        pipelineName: pipeline?.name ?? 'pipeline',
        createdAt: run.created_at,
        finishedAt: wire.finished_at ? Date.parse(wire.finished_at) : undefined,
        state: wire.state,
        failure: run.failure,
      }),
    };
  }

  private wire(run: StoredRun) {
    const age = this.clock() - run.created_at;
    let state: string;
    if (age < run.runningAfterMs) state = 'PENDING';
    else if (age < run.doneAfterMs || run.outcome === 'RUNNING')
      state = 'RUNNING';
    else state = run.outcome;
    const finished =
      state === 'SUCCEEDED' || state === 'FAILED'
        ? new Date(run.created_at + run.doneAfterMs).toISOString()
        : undefined;
    return {
      run_id: run.run_id,
      display_name: run.display_name,
      ...(run.description ? { description: run.description } : {}),
      ...(run.experiment_id ? { experiment_id: run.experiment_id } : {}),
      pipeline_version_reference: run.pipeline_version_reference,
      ...(run.runtime_config ? { runtime_config: run.runtime_config } : {}),
      storage_state: 'AVAILABLE',
      created_at: new Date(run.created_at).toISOString(),
      scheduled_at: new Date(run.created_at).toISOString(),
      ...(finished ? { finished_at: finished } : {}),
      state,
      ...(state === 'FAILED'
        ? {
            error: {
              code: 2,
              message: run.failure
                ? `${run.failure.task} failed: ${run.failure.message}`
                : 'train: the container exited with code 1',
            },
          }
        : {}),
    };
  }
}
