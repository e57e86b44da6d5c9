// @ts-check

/**
 * An alias move the registry never confirmed is recorded as `unknown` and settled later by reconciliation; the
 * time its outcome became known is kept beside it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('mlops_promotions', table => {
    table
      .bigInteger('outcome_learned_at')
      .nullable()
      .comment(
        'ms since epoch: when reconciliation (or an operator) learned the outcome of a move recorded as unknown',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('mlops_promotions', table => {
    table.dropColumn('outcome_learned_at');
  });
};
