// @ts-check

/**
 * The MLflow webhook deliveries accepted lately, by instance and `X-MLflow-Delivery-Id`, so that a delivery replayed
 * to any replica is refused. Rows expire once their timestamp is too old to be accepted anyway.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlflow_webhook_deliveries', table => {
    table
      .string('instance')
      .notNullable()
      .comment('mlops.mlflow.instances[].name');
    table.string('delivery_id').notNullable().comment('X-MLflow-Delivery-Id');
    table
      .bigInteger('expires_at')
      .notNullable()
      .comment(
        'ms since epoch: after this the delivery is refused for its age',
      );
    table.primary(['instance', 'delivery_id']);
    table.index(['expires_at'], 'mlflow_webhook_deliveries_expiry_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlflow_webhook_deliveries');
};
