import {
  HealthStatus,
  RegistryView,
  registryViewSchema,
} from '@mlops-portal/plugin-mlops-common';
import { http, HttpResponse } from 'msw';

/** Where the tests' discovery puts the mlops backend. */
export const MLOPS_TEST_BASE_URL = 'http://mlops.test/api/mlops';

/** A version of a registered model as a registry view lists it. */
export type VersionSeed = {
  version: string;
  metrics: Record<string, number>;
  aliases?: string[];
};

/** A registry view (`GET …/registry`) as the mlops backend answers it, validated against the API's schema. */
export function registryView(
  name: string,
  versions: VersionSeed[],
): RegistryView {
  return registryViewSchema.parse({
    instance: 'default',
    registeredModel: { name, tags: {} },
    protectedAliases: ['champion'],
    aliases: versions.flatMap(v =>
      (v.aliases ?? []).map(alias => ({
        alias,
        version: v.version,
        protected: alias === 'champion',
      })),
    ),
    versions: [...versions].reverse().map(v => ({
      version: v.version,
      status: 'READY',
      createdAt: '2026-11-30T10:00:00.000Z',
      aliases: v.aliases ?? [],
      metrics: v.metrics,
      gates: [],
      gatesPassed: true,
    })),
  });
}

function backstageError(status: number, name: string, message: string) {
  return HttpResponse.json(
    { error: { name, message }, response: { statusCode: status } },
    { status },
  );
}

/**
 * TEST STAND-IN: the mlops backend's `GET /v1/entities/:kind/:namespace/:name/registry` and `…/health`, with its
 * error format, answering from `state` (keyed by lower-cased entity ref). Requests without `expectedToken` as
 * Bearer token get a 401, as the backend's auth policy answers; `down` answers 503 for that entity.
 */
export function mlopsApiHandlers(state: {
  expectedToken: string;
  registries: Record<string, RegistryView>;
  health: Record<string, HealthStatus>;
  down?: { registry?: string[]; health?: string[] };
  requests?: string[];
}) {
  const route =
    (what: 'registry' | 'health') =>
    ({
      request,
      params,
    }: {
      request: Request;
      params: Record<string, any>;
    }) => {
      state.requests?.push(new URL(request.url).pathname);
      if (
        request.headers.get('authorization') !== `Bearer ${state.expectedToken}`
      ) {
        return backstageError(401, 'AuthenticationError', 'Illegal token');
      }
      const ref =
        `${params.kind}:${params.namespace}/${params.name}`.toLowerCase();
      if (state.down?.[what]?.includes(ref)) {
        return backstageError(
          503,
          'ServiceUnavailableError',
          `${what} upstream unreachable`,
        );
      }
      if (what === 'registry') {
        const view = state.registries[ref];
        return view
          ? HttpResponse.json(view)
          : backstageError(
              404,
              'NotFoundError',
              `No registered model for ${ref}`,
            );
      }
      const status = state.health[ref];
      return status
        ? HttpResponse.json({
            entityRef: ref,
            status,
            reasons: [],
            checkedAt: new Date().toISOString(),
            prometheus: 'default',
            window: '5m',
            predictors: [],
            alerts: [],
            drift: { status: 'unknown', features: [] },
            sources: [],
          })
        : backstageError(
            404,
            'NotFoundError',
            `No entity ${ref} in the catalog`,
          );
    };
  const entity = `${MLOPS_TEST_BASE_URL}/v1/entities/:kind/:namespace/:name`;
  return [
    http.get(`${entity}/registry`, route('registry')),
    http.get(`${entity}/health`, route('health')),
  ];
}

/** The demo's registry facts (the sandbox's MLflow and Kubeflow Model Registry seeds) and health. */
export function demoMlopsState(expectedToken: string) {
  return {
    expectedToken,
    registries: {
      'model:default/fraud-detector': registryView('fraud-detector', [
        {
          version: '3',
          metrics: {
            auc: 0.912,
            precision_at_1pct_fpr: 0.61,
            p95_latency_ms: 35,
            f1: 0.77,
          },
        },
        {
          version: '4',
          metrics: {
            auc: 0.924,
            precision_at_1pct_fpr: 0.64,
            p95_latency_ms: 36,
            f1: 0.79,
            'slice/card_present/auc': 0.941,
          },
          aliases: ['champion'],
        },
        {
          version: '6',
          metrics: {
            auc: 0.936,
            precision_at_1pct_fpr: 0.67,
            p95_latency_ms: 38,
            f1: 0.81,
          },
          aliases: ['challenger'],
        },
      ]),
      'model:default/churn-predictor': registryView('churn-predictor', [
        {
          version: '2',
          metrics: { auc: 0.82, training_rows: 1_240_000 },
          aliases: ['champion'],
        },
        {
          version: '3',
          metrics: { auc: 0.835, training_rows: 1_310_000 },
          aliases: ['challenger'],
        },
      ]),
    } as Record<string, RegistryView>,
    health: {
      'model:default/fraud-detector': 'warning',
      'model:default/churn-predictor': 'ok',
    } as Record<string, HealthStatus>,
    down: {} as { registry?: string[]; health?: string[] },
    requests: [] as string[],
  };
}
