// @ts-check

/**
 * Webhook events that could not be tied to a catalog entity: the sender got
 * a 202 with the reason, and the platform team can read them back
 * (GET /webhook-skips) to fix an annotation or a label.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsready_webhook_skips', table => {
    table.comment('Webhook events left aside for want of an entity');
    table.bigIncrements('id').primary();
    table.string('source', 32).notNullable();
    table.string('item', 255).notNullable();
    table.text('reason').notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.index(['received_at'], 'opsready_webhook_skips_age_idx');
    table.index(['source', 'id'], 'opsready_webhook_skips_source_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsready_webhook_skips');
};
