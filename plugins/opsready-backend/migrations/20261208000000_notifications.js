// @ts-check

/**
 * What OpsReady told whom, and the health incidents its notifications are
 * grouped by.
 *
 * - `opsready_notification_log`: one row per notice the notifier handled
 *   (sent, held by a maintenance window, rate-limited, put in a digest),
 *   for the entity's timeline, "owners last told", releasing held notices
 *   and sending a reminder at most once a day.
 * - `opsready_notification_sends`: one row per recipient and send, for the
 *   rate limit per recipient and topic; pruned after a day.
 * - `opsready_health_incidents` and `_members`: the suppression state. An
 *   incident is one root cause down in one environment; its members are the
 *   endpoints down because of it, whose owners are told once, in the root
 *   cause's notification.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsready_notification_log', table => {
    table.bigIncrements('id');
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 255).nullable();
    table.string('topic', 32).notNullable();
    table.string('kind', 64).notNullable();
    table.string('severity', 16).notNullable();
    table.string('title', 500).notNullable();
    table.text('description').nullable();
    table.string('link', 1000).notNullable();
    table.string('scope', 500).notNullable();
    table.text('recipients').notNullable();
    table.string('status', 24).notNullable();
    table.boolean('closes').notNullable().defaultTo(false);
    table.string('once_key', 500).nullable();
    table.string('held_window_id', 64).nullable();
    table.string('held_reason', 500).nullable();
    table.timestamp('held_until', { useTz: true }).nullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'id'], 'opsready_notification_log_entity_idx');
    table.index(['scope'], 'opsready_notification_log_scope_idx');
    table.index(['once_key'], 'opsready_notification_log_once_idx');
    table.index(['status', 'held_until'], 'opsready_notification_log_held_idx');
  });
  await knex.schema.createTable('opsready_notification_sends', table => {
    table.string('recipient_ref', 255).notNullable();
    table.string('topic', 32).notNullable();
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.index(
      ['recipient_ref', 'topic', 'sent_at'],
      'opsready_notification_sends_idx',
    );
  });
  await knex.schema.createTable('opsready_health_incidents', table => {
    table.bigIncrements('id');
    table.string('root_ref', 255).notNullable();
    table.string('environment', 255).notNullable();
    table.timestamp('opened_at', { useTz: true }).notNullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.index(
      ['root_ref', 'environment', 'resolved_at'],
      'opsready_health_incidents_root_idx',
    );
  });
  await knex.schema.createTable('opsready_health_incident_members', table => {
    table
      .bigInteger('incident_id')
      .notNullable()
      .references('id')
      .inTable('opsready_health_incidents')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 255).notNullable();
    table.string('url', 1000).notNullable();
    table.timestamp('down_since', { useTz: true }).notNullable();
    table.primary(['incident_id', 'entity_ref', 'environment']);
    table.index(
      ['entity_ref', 'environment'],
      'opsready_health_incident_members_entity_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsready_health_incident_members');
  await knex.schema.dropTable('opsready_health_incidents');
  await knex.schema.dropTable('opsready_notification_sends');
  await knex.schema.dropTable('opsready_notification_log');
};
