// @ts-check

/**
 * Canary rollouts as persisted state machines: the rollout, every transition and measurement, and one lock row
 * per model so a model has at most one active rollout.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_rollouts', table => {
    table.comment(
      'Canary rollouts of a Model version, driven step by step by the scheduler',
    );
    table.string('id', 36).primary().notNullable();
    table.string('entity_ref').notNullable();
    table.string('candidate_version').notNullable();
    table.string('baseline_version').nullable();
    table
      .string('alias')
      .notNullable()
      .comment('The registry alias moved when the rollout succeeds');
    table
      .text('target')
      .notNullable()
      .comment('JSON: platform, cluster, namespace, name, modelUri');
    table
      .text('steps')
      .notNullable()
      .comment('JSON array of {weight, durationSeconds}');
    table
      .text('analysis')
      .notNullable()
      .comment('JSON array of analysis metrics');
    table.integer('step_index').notNullable();
    table.bigInteger('step_started_at').nullable();
    table.string('state', 16).notNullable();
    table.text('state_reason').nullable();
    table.string('created_by').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('next_check_at').notNullable();
    table.index(['state', 'next_check_at'], 'mlops_rollouts_due_idx');
    table.index(['entity_ref'], 'mlops_rollouts_entity_idx');
  });
  await knex.schema.createTable('mlops_rollout_events', table => {
    table.comment(
      'Append-only log of a rollout: transitions with reason and actor, and measurements',
    );
    table.increments('id').primary();
    table.string('rollout_id', 36).notNullable();
    table.bigInteger('at').notNullable();
    table.string('type', 16).notNullable().comment('transition or measurement');
    table.string('actor').notNullable();
    table.integer('step_index').notNullable();
    table
      .text('payload')
      .notNullable()
      .comment('JSON: {from, to, reason} or a measurement');
    table.index(['rollout_id', 'id'], 'mlops_rollout_events_rollout_idx');
  });
  await knex.schema.createTable('mlops_rollout_locks', table => {
    table.comment('One row per model with an active rollout');
    table.string('entity_ref').primary().notNullable();
    table.string('rollout_id', 36).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_rollout_locks');
  await knex.schema.dropTable('mlops_rollout_events');
  await knex.schema.dropTable('mlops_rollouts');
};
