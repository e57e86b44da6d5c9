import {
  AuditorService,
  BackendFeature,
  BackstageCredentials,
  ServiceFactory,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  modelEntityV1alpha1Schema,
  ModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { mlopsPlugin } from '../plugin';
import mlopsModuleKServe from '@mlops-portal/plugin-mlops-backend-module-kserve';
import mlopsModuleMlflow from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import mlopsModuleSeldon from '@mlops-portal/plugin-mlops-backend-module-seldon';
import { MLFLOW_TEST_URL } from '@mlops-portal/sandbox';

/** The schema's example Model, pointed at the fake's `fraud-detector`. */
export function fraudDetectorModel(): ModelEntityV1alpha1 {
  const model = JSON.parse(
    JSON.stringify(modelEntityV1alpha1Schema.examples[0]),
  );
  model.metadata.namespace = 'default';
  return model;
}

/** The example training Pipeline (Kubeflow pipeline `fraud-detector-training` on instance `default`), or one
 * named `name` whose Kubeflow pipeline is `kfpName`. */
export function trainingPipeline(
  name = 'fraud-detector-training',
  kfpName = name,
): Entity {
  return {
    apiVersion: 'mlops.backstage.io/v1alpha1',
    kind: 'Pipeline',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'training',
      owner: 'group:default/fraud-ml',
      kubeflow: { instance: 'default', pipelineName: kfpName },
    },
  };
}

/** Who may do what, by user entity ref and permission name; everyone else is denied. */
export type Grants = Record<string, string[]>;

export const AMIRA = 'user:default/amira.haddad';
export const JONAS = 'user:default/jonas.berg';
export const MALLORY = 'user:default/mallory';

export const defaultGrants: Grants = {
  [AMIRA]: [
    'mlops.model.promote',
    'mlops.model.approve',
    'mlops.model.rollback',
    'mlops.rollout.manage',
    'mlops.pipeline.run',
  ],
  [JONAS]: [
    'mlops.model.promote',
    'mlops.model.approve',
    'mlops.model.rollback',
    'mlops.rollout.manage',
  ],
};

/** One audit event as the plugin reported it, with the actor resolved from its request as Backstage's auditor does. */
export type RecordedAuditEvent = {
  eventId: string;
  status: 'initiated' | 'succeeded' | 'failed';
  severityLevel?: string;
  /** The user entity ref (or service subject) of the request's credentials. */
  actorId?: string;
  meta?: JsonObject;
  error?: string;
};

/** An auditor that appends every event to `events`, its actor taken from the request's credentials. */
function recordingAuditorFactory(events: RecordedAuditEvent[]) {
  return createServiceFactory({
    service: coreServices.auditor,
    deps: { auth: coreServices.auth, httpAuth: coreServices.httpAuth },
    factory({ auth, httpAuth }): AuditorService {
      return {
        async createEvent(options) {
          let actorId: string | undefined;
          if (options.request) {
            const credentials = await httpAuth.credentials(options.request);
            if (auth.isPrincipal(credentials, 'user')) {
              actorId = credentials.principal.userEntityRef;
            } else if (auth.isPrincipal(credentials, 'service')) {
              actorId = credentials.principal.subject;
            }
          }
          const event = {
            eventId: options.eventId,
            severityLevel: options.severityLevel,
            actorId,
            meta: options.meta,
          };
          events.push({ ...event, status: 'initiated' });
          return {
            async success(params) {
              events.push({
                ...event,
                meta: { ...options.meta, ...params?.meta },
                status: 'succeeded',
              });
            },
            async fail(params) {
              events.push({
                ...event,
                meta: { ...options.meta, ...params?.meta },
                status: 'failed',
                error: params.error.message,
              });
            },
          };
        },
      };
    },
  });
}

/**
 * Starts the mlops plugin with its MLflow, Seldon v1 and KServe modules, a catalog holding `entities`, MLflow at {@link MLFLOW_TEST_URL} (serve it with
 * msw) and a permission service that allows exactly `grants`.
 */
export async function startMlopsBackend(
  options: {
    entities?: Entity[];
    grants?: Grants;
    knex?: Knex;
    /** More `mlops.*` config (next to the MLflow instance) and other top-level config, e.g. `kubernetes`. */
    mlopsConfig?: Record<string, unknown>;
    config?: Record<string, unknown>;
    /** Record the plugin's audit events here (instead of logging them as Backstage's default auditor does). */
    auditEvents?: RecordedAuditEvent[];
    /** More features or service factories, e.g. an events service a test subscribes to. */
    features?: Array<ServiceFactory | BackendFeature>;
  } = {},
) {
  const grants = options.grants ?? defaultGrants;
  return startTestBackend({
    features: [
      mlopsPlugin,
      mlopsModuleMlflow,
      mlopsModuleSeldon,
      mlopsModuleKServe,
      catalogServiceMock.factory({
        entities: options.entities ?? [fraudDetectorModel()],
      }),
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          mlops: {
            ...options.mlopsConfig,
            mlflow: {
              instances: [
                {
                  name: 'default',
                  baseUrl: MLFLOW_TEST_URL,
                  maxAttempts: 2,
                  timeoutMs: 2000,
                },
              ],
            },
          },
        },
      }),
      mockServices.permissions.mock({
        authorize: async (requests, { credentials }) =>
          requests.map(request => {
            const user = (
              credentials as BackstageCredentials<{
                type: string;
                userEntityRef?: string;
              }>
            ).principal.userEntityRef;
            const allowed = Boolean(
              user && grants[user]?.includes(request.permission.name),
            );
            return {
              result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
            };
          }),
      }).factory,
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      ...(options.auditEvents
        ? [recordingAuditorFactory(options.auditEvents)]
        : []),
      ...(options.features ?? []),
    ],
  });
}
