// @ts-check

/**
 * The staleness episodes of feature views that are open now: one row from the check that first saw a view stale
 * until the check that sees it fresh again. The primary key makes exactly one replica's check open an episode,
 * and the row outlives restarts, so its owners are notified once per episode.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_feature_view_stale_episodes', table => {
    table.comment('Open staleness episodes of feature views, one per view');
    table.string('entity_ref').primary().notNullable();
    table.string('episode_id').notNullable();
    table.bigInteger('stale_since').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_feature_view_stale_episodes');
};
