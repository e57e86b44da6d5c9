import {
  DeferredEntity,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/** An entity provider connection that keeps every mutation applied to it, for provider tests. */
export function recordingConnection() {
  const mutations: Array<{ type: string; entities?: DeferredEntity[] }> = [];
  const connection: EntityProviderConnection = {
    applyMutation: async mutation => {
      mutations.push(mutation as { type: string; entities?: DeferredEntity[] });
    },
    refresh: async () => {},
  };
  return { connection, mutations };
}
