/*
 * MLflow's REST wire format for the sandbox's fake (api-contracts §1): the error type and body, proto-JSON's
 * omitted empty fields, `max_results`/`page_token` paging, and the JSON of registered models, versions and runs.
 */
import type { MlflowFakeResponse } from './mlflowFakeTypes';

export type Metric = {
  key: string;
  value: number;
  timestamp: number;
  step: number;
};

export type StoredVersion = {
  version: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  user_id?: string;
  description?: string;
  source: string;
  run_id?: string;
  status: 'READY' | 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION';
  tags: Array<{ key: string; value: string }>;
};

export type StoredModel = {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  user_id?: string;
  description?: string;
  tags: Array<{ key: string; value: string }>;
  versions: StoredVersion[];
  aliases: Map<string, string>;
};

export type StoredRun = {
  run_id: string;
  run_name?: string;
  experiment_id: string;
  status: 'FINISHED' | 'RUNNING' | 'FAILED' | 'KILLED' | 'SCHEDULED';
  /** A deleted run is still read by runs/get; runs/search shows it only for DELETED_ONLY or ALL. */
  lifecycle_stage: 'active' | 'deleted';
  start_time: number;
  end_time?: number;
  metrics: Metric[];
  params: Array<{ key: string; value: string }>;
  tags: Array<{ key: string; value: string }>;
};

/** What a seed or test adds: a version with the metrics its training run logged. */

export class MlflowError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

export const json = (status: number, value: unknown): MlflowFakeResponse => ({
  status,
  contentType: 'application/json',
  body: JSON.stringify(value),
});

/** Proto JSON omits unset and empty fields. */
export function omitEmpty<T extends Record<string, unknown>>(
  value: T,
): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0),
    ),
  ) as Partial<T>;
}

export function required(
  params: Record<string, unknown>,
  name: string,
): string {
  const value = params[name];
  if (value === undefined || value === null || value === '') {
    throw new MlflowError(
      400,
      'INVALID_PARAMETER_VALUE',
      `Missing value for required parameter '${name}'. See the API docs for more information about request parameters.`,
    );
  }
  return String(value);
}

export function paginate<T>(
  rows: T[],
  p: Record<string, unknown>,
  defaultSize: number,
  maxSize: number,
) {
  const size =
    p.max_results === undefined ? defaultSize : Number(p.max_results);
  if (!Number.isInteger(size) || size < 1 || size > maxSize) {
    throw new MlflowError(
      400,
      'INVALID_PARAMETER_VALUE',
      `Invalid value ${p.max_results} for parameter 'max_results' supplied. It must be at most ${maxSize}.`,
    );
  }
  let offset = 0;
  if (p.page_token) {
    const decoded = JSON.parse(
      Buffer.from(String(p.page_token), 'base64').toString('utf8') || '{}',
    );
    offset = Number(decoded.offset);
    if (!Number.isInteger(offset) || offset < 0) {
      throw new MlflowError(
        400,
        'INVALID_PARAMETER_VALUE',
        'Invalid page token',
      );
    }
  }
  const page = rows.slice(offset, offset + size);
  const nextPageToken =
    offset + size < rows.length
      ? Buffer.from(JSON.stringify({ offset: offset + size })).toString(
          'base64',
        )
      : undefined;
  return { page, nextPageToken };
}

export function registeredModelJson(model: StoredModel) {
  return omitEmpty({
    name: model.name,
    creation_timestamp: model.creation_timestamp,
    last_updated_timestamp: model.last_updated_timestamp,
    user_id: model.user_id,
    description: model.description,
    tags: model.tags,
    aliases: [...model.aliases].map(([alias, version]) => ({
      alias,
      version,
    })),
  });
}

export function versionJson(
  model: StoredModel,
  version: StoredVersion,
  withAliases: boolean,
) {
  return omitEmpty({
    name: model.name,
    version: version.version,
    creation_timestamp: version.creation_timestamp,
    last_updated_timestamp: version.last_updated_timestamp,
    user_id: version.user_id,
    current_stage: 'None',
    description: version.description,
    source: version.source,
    run_id: version.run_id,
    status: version.status,
    tags: version.tags,
    aliases: withAliases
      ? [...model.aliases]
          .filter(([, v]) => v === version.version)
          .map(([alias]) => alias)
      : undefined,
  });
}

export function runJson(run: StoredRun) {
  return {
    info: omitEmpty({
      run_id: run.run_id,
      run_uuid: run.run_id,
      run_name: run.run_name,
      experiment_id: run.experiment_id,
      status: run.status,
      start_time: run.start_time,
      end_time: run.end_time,
      artifact_uri: `mlflow-artifacts:/${run.experiment_id}/${run.run_id}/artifacts`,
      lifecycle_stage: run.lifecycle_stage,
    }),
    data: omitEmpty({
      metrics: run.metrics,
      params: run.params,
      tags: run.tags,
    }),
    inputs: {},
  };
}
