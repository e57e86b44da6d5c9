// @ts-check

/**
 * The portal's own record of alias moves, which MLflow does not keep, and the locks that let only one move of
 * an alias be open at a time.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_promotions', table => {
    table.comment(
      'Append-only history of alias promotions and rollbacks requested through the portal',
    );
    table.string('id', 36).primary().notNullable();
    table
      .string('entity_ref')
      .notNullable()
      .comment('The Model entity, e.g. model:default/fraud-detector');
    table
      .string('instance')
      .notNullable()
      .comment('The MLflow instance name from app-config');
    table.string('registered_model').notNullable();
    table.string('action', 16).notNullable().comment('promote or rollback');
    table.string('alias').notNullable();
    table
      .string('from_version')
      .nullable()
      .comment('Where the alias pointed when the request was made');
    table.string('to_version').notNullable();
    table.text('reason').notNullable();
    table.string('state', 32).notNullable();
    table.string('requested_by').notNullable();
    table.bigInteger('requested_at').notNullable().comment('ms since epoch');
    table.text('gates').notNullable().comment('JSON array of gate results');
    table.string('decided_by').nullable();
    table.text('decision_comment').nullable();
    table.bigInteger('decided_at').nullable();
    table.bigInteger('completed_at').nullable();
    table.text('error').nullable();
    table.index(
      ['entity_ref', 'alias', 'requested_at'],
      'mlops_promotions_entity_alias_idx',
    );
  });
  await knex.schema.createTable('mlops_alias_locks', table => {
    table.comment(
      'One row per alias with an open request; the primary key makes concurrent requests conflict',
    );
    table.string('entity_ref').notNullable();
    table.string('alias').notNullable();
    table.string('promotion_id', 36).notNullable();
    table.bigInteger('acquired_at').notNullable();
    table.primary(['entity_ref', 'alias']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_alias_locks');
  await knex.schema.dropTable('mlops_promotions');
};
