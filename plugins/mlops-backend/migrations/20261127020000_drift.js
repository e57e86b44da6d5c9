// @ts-check

/**
 * Model health: the drift reference of each Model (a snapshot of its feature distributions, taken when a version
 * becomes champion or when the Model is first looked at) and the retraining runs started on drift.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_drift_references', table => {
    table.comment(
      'Reference feature distributions of each Model for drift; the newest per model wins',
    );
    table.increments('id');
    table.string('entity_ref').notNullable();
    table
      .string('version')
      .nullable()
      .comment('The champion version the snapshot was taken for, if known');
    table.text('reason').notNullable();
    table
      .text('distributions')
      .notNullable()
      .comment(
        'JSON: numerical {feature: {upperBounds, counts}}, categorical {feature: {category: count}}',
      );
    table.bigInteger('captured_at').notNullable();
    table.index(
      ['entity_ref', 'captured_at'],
      'mlops_drift_references_entity_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_drift_references');
};
