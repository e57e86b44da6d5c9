// @ts-check

/**
 * Retraining runs the portal started because a Model's inputs drifted: why, which run, and when, so the
 * cooldown holds across restarts and replicas.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_retraining_runs', table => {
    table.comment('Kubeflow runs started on drift, one row per start');
    table.increments('id');
    table.string('entity_ref').notNullable();
    table.string('pipeline_ref').notNullable();
    table.string('kubeflow_instance').notNullable();
    table.string('run_id').notNullable();
    table.text('reason').notNullable();
    table.bigInteger('started_at').notNullable();
    table.index(
      ['entity_ref', 'started_at'],
      'mlops_retraining_runs_entity_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_retraining_runs');
};
