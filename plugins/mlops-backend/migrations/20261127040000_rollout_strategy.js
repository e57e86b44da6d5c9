// @ts-check

/**
 * Rollout strategies: `strategy` (canary for every rollout stored before) and the A/B test plan as JSON.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('mlops_rollouts', table => {
    table
      .string('strategy', 16)
      .notNullable()
      .defaultTo('canary')
      .comment('canary or abtest');
    table
      .text('ab_test')
      .nullable()
      .comment('The A/B test plan (JSON) of an abtest rollout');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('mlops_rollouts', table => {
    table.dropColumn('strategy');
    table.dropColumn('ab_test');
  });
};
