// @ts-check

/**
 * Maintenance windows of an entity or of a system: while one is in force,
 * health and error notifications are held, and its time is left out of
 * uptime. A window is one span (starts_at to ends_at), or, with a cron and
 * its time zone, a span of that length at each time the cron fires from
 * starts_at on, until `until`. A deployment in progress may open one of its
 * own (source 'deployment'), which its end closes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsready_maintenance_windows', table => {
    table.comment('Maintenance windows of entities and systems');
    table.string('id', 36).primary();
    // Normalized entity ref of the entity or System the window is on.
    table.string('target_ref', 255).notNullable();
    // Null: every environment.
    table.string('environment', 64).nullable();
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table.timestamp('ends_at', { useTz: true }).notNullable();
    table.text('reason').notNullable();
    table.string('cron', 255).nullable();
    table.string('time_zone', 64).nullable();
    table.timestamp('until', { useTz: true }).nullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('source', 16).notNullable().defaultTo('manual');
    table.string('deployment_id', 255).nullable();
    table.index(['target_ref'], 'opsready_maintenance_windows_target_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsready_maintenance_windows');
};
