// @ts-check

/**
 * Shadow and blue-green rollouts: their plans as JSON (`strategy` already holds the kind).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('mlops_rollouts', table => {
    table
      .text('shadow')
      .nullable()
      .comment('The shadow plan (JSON) of a shadow rollout');
    table
      .text('blue_green')
      .nullable()
      .comment('The blue-green plan (JSON) of a bluegreen rollout');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('mlops_rollouts', table => {
    table.dropColumn('shadow');
    table.dropColumn('blue_green');
  });
};
