// @ts-check

/**
 * A promotion of a Model in `pull-request` mode waits for its pull request against the alias file; the pull
 * request (repository, file, number, url, state, who merged it and when) is kept with the promotion as JSON.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('mlops_promotions', table => {
    table
      .text('pull_request')
      .nullable()
      .comment(
        'JSON: the pull request against the alias file a pull-request-mode promotion opened, and its outcome',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('mlops_promotions', table => {
    table.dropColumn('pull_request');
  });
};
