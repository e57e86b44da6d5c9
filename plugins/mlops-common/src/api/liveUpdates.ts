import { stringifyEntityRef, parseEntityRef } from '@backstage/catalog-model';

/**
 * The signals channel on which the mlops backend announces that something of one Model changed (a promotion or
 * rollback request, an approval decision, a rollout's state, step or measurements): `mlops:model:<entityRef>`,
 * e.g. `mlops:model:model:default/fraud-detector`. Its messages are {@link ModelChangeSignal}s.
 *
 * @public
 */
export function modelSignalChannel(entityRef: string): string {
  return `mlops:model:${stringifyEntityRef(parseEntityRef(entityRef))}`;
}

/**
 * What changed, as published on {@link modelSignalChannel}: enough for a page to know it should reload, nothing
 * the page's own (permission-checked) read would not show.
 *
 * @public
 */
export type ModelChangeSignal = {
  /** `promotion` for the promotion history and approvals, `rollout` for rollouts. */
  kind: 'promotion' | 'rollout';
  /** The promotion's or the rollout's id. */
  id: string;
  /** The Model's entity reference. */
  entityRef: string;
  /** The promotion's or the rollout's state after the change. */
  state: string;
};
