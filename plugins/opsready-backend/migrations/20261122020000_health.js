// @ts-check

/**
 * Health probing: the state of each declared endpoint, its status changes,
 * and latency/availability rollups (hourly for 48 hours, then daily), so the
 * database grows with the fleet, not with the number of probes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsready_health_endpoints', table => {
    table.comment('The current state of each declared health endpoint');
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 64).notNullable();
    table.text('url').notNullable();
    table.string('status', 16).notNullable();
    table.integer('consecutive_successes').notNullable();
    table.integer('consecutive_failures').notNullable();
    table
      .text('recent_transitions')
      .notNullable()
      .comment('JSON array of times');
    table.boolean('flapping').notNullable();
    table.timestamp('since', { useTz: true }).nullable();
    table.timestamp('last_probe_at', { useTz: true }).nullable();
    table.integer('last_latency_ms').nullable();
    table.integer('last_status_code').nullable();
    table.text('last_reason').nullable();
    table.primary(['entity_ref', 'environment']);
  });

  await knex.schema.createTable('opsready_health_transitions', table => {
    table.comment('Each change of an endpoint between up and down');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 64).notNullable();
    table.string('from_status', 16).notNullable();
    table.string('to_status', 16).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.text('reason').nullable();
    table.index(['entity_ref', 'at'], 'opsready_health_transitions_entity_idx');
  });

  await knex.schema.createTable('opsready_health_rollups', table => {
    table.comment(
      'Probe counts, failures and a latency histogram per hour or day',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 64).notNullable();
    table.string('bucket', 8).notNullable().comment('hour or day');
    table.timestamp('bucket_start', { useTz: true }).notNullable();
    table.integer('probes').notNullable();
    table.integer('failures').notNullable();
    table
      .text('latency_histogram')
      .notNullable()
      .comment('JSON counts per bucket');
    table.primary(['entity_ref', 'environment', 'bucket', 'bucket_start']);
    table.index(['bucket', 'bucket_start'], 'opsready_health_rollups_age_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsready_health_rollups');
  await knex.schema.dropTable('opsready_health_transitions');
  await knex.schema.dropTable('opsready_health_endpoints');
};
