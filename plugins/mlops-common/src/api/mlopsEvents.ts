import { JsonObject } from '@backstage/types';

/**
 * The topic of Backstage's `EventsService` on which the mlops backend publishes every state change it audits.
 *
 * @public
 */
export const MLOPS_EVENTS_TOPIC = 'mlops';

/**
 * The payload of an event on the {@link MLOPS_EVENTS_TOPIC} topic: one state change, published after it
 * succeeded. Subscribe with `events.subscribe({ id, topics: ['mlops'], onEvent })` from `@backstage/plugin-events-node`.
 *
 * @public
 */
export type MlopsEventPayload = {
  /**
   * What happened: the audit event id, one of `model-promotion`, `model-rollback`, `model-promotion-approval`,
   * `model-promotion-rejection`, `model-promotion-release`, `model-rollout-start`, `model-rollout-pause`,
   * `model-rollout-resume`, `model-rollout-promote`, `model-rollout-abort`, `model-serving-return-to-stable`,
   * `registered-model-create`, `pipeline-run-start`, `model-retraining-start`.
   */
  type: string;
  /** The entity it happened to (a Model or a Pipeline), when the change names one. */
  entityRef?: string;
  /**
   * Who did it: a user's entity ref (`user:default/ana`), a service's subject (`plugin:scaffolder`), or the
   * portal's own actor for what it does by itself (`mlops:drift-retraining`).
   */
  actor: string;
  /** When it succeeded, ISO 8601. */
  time: string;
  /** The request as audited (e.g. alias, version, reason) and what came of it (e.g. promotionId, state). */
  details: JsonObject;
};
