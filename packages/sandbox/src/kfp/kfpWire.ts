/*
 * The Kubeflow Pipelines v2beta1 wire format of the sandbox's stand-in: `google.rpc.Status` errors, pipeline and
 * pipeline version JSON (snake_case, empty fields left out), and KFP's `filter` query parameter.
 */

/** A pipeline as the stand-in keeps it: one version, with its run parameters and schedule. */
export type Pipeline = {
  pipeline_id: string;
  display_name: string;
  name: string;
  description?: string;
  created_at: string;
  version_id: string;
  parameters: Record<
    string,
    { parameterType: string; defaultValue?: unknown; isOptional?: boolean }
  >;
  schedule?: string;
};

export type KfpFakeResponse = { status: number; body: unknown };

/** A `google.rpc.Status` error answer. */
export const status = (
  code: number,
  grpc: number,
  message: string,
): KfpFakeResponse => ({
  status: code,
  body: { code: grpc, message, details: [] },
});

export function pipelineWire(pipeline: Pipeline) {
  return {
    pipeline_id: pipeline.pipeline_id,
    display_name: pipeline.display_name,
    name: pipeline.name,
    ...(pipeline.description ? { description: pipeline.description } : {}),
    created_at: pipeline.created_at,
  };
}

export function versionWire(pipeline: Pipeline) {
  return {
    pipeline_id: pipeline.pipeline_id,
    pipeline_version_id: pipeline.version_id,
    display_name: `${pipeline.name} v1`,
    name: `${pipeline.name}-v1`,
    created_at: pipeline.created_at,
    pipeline_spec: {
      pipelineInfo: { name: pipeline.name },
      root: { inputDefinitions: { parameters: pipeline.parameters } },
      schemaVersion: '2.1.0',
      sdkVersion: 'kfp-2.9.0',
    },
  };
}

/** KFP's `filter` query parameter (a JSON `Filter`), as far as the stand-in supports it: EQUALS on strings. */
export function filterByPredicates<T>(
  items: T[],
  filter: string | null,
): T[] | KfpFakeResponse {
  if (!filter) {
    return items;
  }
  let predicates: Array<{
    key: string;
    operation: string;
    string_value?: string;
  }>;
  try {
    predicates = JSON.parse(filter).predicates ?? [];
  } catch {
    return status(400, 3, 'Invalid input error: failed to parse the filter');
  }
  let kept = items;
  for (const p of predicates) {
    if (p.operation !== 'EQUALS' || p.string_value === undefined) {
      return status(
        400,
        3,
        `Invalid input error: this stand-in filters by EQUALS on strings only`,
      );
    }
    kept = kept.filter(item => (item as any)[p.key] === p.string_value);
  }
  return kept;
}
