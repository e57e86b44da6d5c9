/*
 * DEMO STAND-IN / TEST DOUBLE: an in-memory MLflow model registry and run store that answers the REST API 2.0
 * (`/api/2.0/mlflow/...`) with MLflow's wire format, as written down in shared/reference/api-contracts.md §1:
 * snake_case fields, int64 timestamps as JSON numbers, string versions, empty fields omitted, `next_page_token`
 * paging, `{error_code, message}` errors with MLflow's HTTP statuses (RESOURCE_ALREADY_EXISTS is 400), JSON
 * bodies required on POST/PATCH/DELETE, and an HTML 404 for unknown routes. The sandbox serves it over HTTP and
 * the backend's tests serve it through msw, so both exercise the same behaviour.
 */

import type {
  MlflowFakeRequest,
  MlflowFakeResponse,
  VersionSeed,
} from './mlflowFakeTypes';
import { MlflowRegistryStore } from './MlflowRegistryStore';
import { mlflowRoutes, requestParams } from './mlflowRoutes';
import { MlflowRunStore } from './MlflowRunStore';
import { json, MlflowError, StoredRun } from './mlflowWireFormat';

export type {
  MlflowFakeRequest,
  MlflowFakeResponse,
  VersionSeed,
} from './mlflowFakeTypes';

/**
 * The fake's front: seeds and inspects its state for tests, records every request and answers it through the
 * route table (mlflowRoutes.ts). The registry (MlflowRegistryStore.ts) holds models, versions and aliases; the
 * run store (MlflowRunStore.ts) holds runs, their metrics and artifacts.
 */
export class MlflowFake {
  private readonly registry = new MlflowRegistryStore();
  private readonly runStore = new MlflowRunStore();
  private readonly routes = mlflowRoutes(this.registry, this.runStore);
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
    this.registry.createRegisteredModel(name, options);
  }

  /** Logs a finished run with the metrics and registers it as the next version; returns the version. */
  addVersion(name: string, seed: VersionSeed): string {
    this.registry.mustGetModel(name);
    const { runId, experimentId } = this.runStore.logTrainingRun(name, seed);
    return this.registry.addVersion(name, runId, experimentId, seed);
  }

  /** Stores a file as logged by a run (`mlflow.log_dict`, `log_artifact`), at `path` below its artifact root. */
  logArtifact(runId: string, path: string, content: string) {
    this.runStore.logArtifact(runId, path, content);
  }

  /** Marks a run deleted, as `mlflow.delete_run` does: runs/get still reads it, runs/search hides it unless asked. */
  deleteRun(runId: string) {
    this.runStore.deleteRun(runId);
  }

  /** Removes a run for good, as `mlflow gc` does after a deletion: the version keeps its dangling `run_id`. */
  purgeRun(runId: string) {
    this.runStore.purgeRun(runId);
  }

  /** Sets a run's status, e.g. RUNNING for a run still logging metrics. */
  setRunStatus(runId: string, status: StoredRun['status']) {
    this.runStore.setRunStatus(runId, status);
  }

  /** The training run of a version, for tests that log artifacts to it. */
  runIdOf(name: string, version: string): string {
    return this.registry.mustGetVersion(
      this.registry.mustGetModel(name),
      version,
    ).run_id!;
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
    const content =
      method.toUpperCase() === 'GET'
        ? this.runStore.artifactAt(artifactPath)
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
    this.registry.setAlias(name, alias, version);
  }

  getAlias(name: string, alias: string): string | undefined {
    return this.registry.getAlias(name, alias);
  }

  /** Answers one REST call. Never throws: errors become MLflow's error responses. */
  handle(request: MlflowFakeRequest): MlflowFakeResponse {
    this.record(request);
    try {
      const route =
        this.routes[`${request.method.toUpperCase()} ${request.path}`];
      if (!route) {
        return {
          status: 404,
          contentType: 'text/html',
          body: '<!doctype html><html lang=en><title>404 Not Found</title><h1>Not Found</h1><p>The requested URL was not found on the server.</p>',
        };
      }
      return json(200, route(requestParams(request)));
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
}
