// @ts-check

/**
 * Each entity's service level as last measured: objectives, SLI, error
 * budget and the burn-rate alerts that fired, one row per entity replaced
 * at every measurement. The burn rate over the last hour is a column of
 * its own so that the services burning fastest are one indexed query.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsready_slo_status', table => {
    table.comment('The last measured service level of each entity');
    // Normalized entity ref.
    table.string('entity_ref', 255).primary();
    table.timestamp('measured_at', { useTz: true }).notNullable();
    table.string('source', 16).notNullable().comment('prometheus or probes');
    // JSON: the SloObjectives, SliMeasurement, ErrorBudget (or null),
    // BurnRateAlert[] and problems of the API.
    table.text('objectives').notNullable();
    table.text('sli').notNullable();
    table.text('budget').nullable();
    table.text('alerts').notNullable();
    table.text('problems').notNullable();
    table
      .double('burn_rate_1h')
      .nullable()
      .comment(
        'Times the sustainable rate over the last hour; null without traffic',
      );
    table.double('budget_remaining').nullable();
    table.boolean('latency_met').nullable();
    table.index(['burn_rate_1h'], 'opsready_slo_status_burn_rate_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsready_slo_status');
};
