// @ts-check

/**
 * Shadow and blue-green rollouts: their plans as JSON (`strategy` already holds the kind); and the promotion an A/B
 * verdict is waiting on when its alias is protected.
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
    table
      .string('pending_promotion_id', 64)
      .nullable()
      .comment(
        'The promotion an A/B verdict asked for and a second person must approve',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('mlops_rollouts', table => {
    table.dropColumn('shadow');
    table.dropColumn('blue_green');
    table.dropColumn('pending_promotion_id');
  });
};
