// @ts-check

/**
 * Where a drift reference came from: `training-run` (the distributions logged with the champion's training run),
 * `after-promotion` (the window after the champion went live) or `first-look` (the first distributions the
 * portal saw, a fallback shown with a warning). References taken before this column existed were snapshots of the
 * moment the portal first looked or a version became champion, neither chosen deliberately: they count as
 * first looks.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('mlops_drift_references', table => {
    table
      .string('source')
      .notNullable()
      .defaultTo('first-look')
      .comment('training-run | after-promotion | first-look');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('mlops_drift_references', table => {
    table.dropColumn('source');
  });
};
