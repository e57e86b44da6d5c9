import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';

/** The open staleness episodes of feature views, shared by every replica through the plugin's database. */
export class StaleEpisodeStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Opens an episode for a view seen stale at `now`, unless one is open; returns whether this call opened it
   * (of two replicas checking at once, exactly one does).
   */
  async open(entityRef: string, now: number): Promise<boolean> {
    const episodeId = randomUUID();
    return this.knex.transaction(async tx => {
      await tx('mlops_feature_view_stale_episodes')
        .insert({
          entity_ref: entityRef,
          episode_id: episodeId,
          stale_since: now,
        })
        .onConflict('entity_ref')
        .ignore();
      const row = await tx('mlops_feature_view_stale_episodes')
        .where({ entity_ref: entityRef })
        .first();
      return row?.episode_id === episodeId;
    });
  }

  /** Ends the view's episode, if one is open: the next staleness is a new episode. */
  async close(entityRef: string): Promise<void> {
    await this.knex('mlops_feature_view_stale_episodes')
      .where({ entity_ref: entityRef })
      .delete();
  }
}
