// @ts-check

/**
 * Probes that got no HTTP answer, counted by why (refused by the prober's
 * policy, failed to connect, timed out), beside the rollups' probes and
 * failures. From now on only answered probes enter the latency histogram,
 * so a window whose probes all went unanswered has no latency figures and
 * can say why. Rollups stored before count none; their histograms still
 * hold every probe, and age out with the window.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('opsready_health_rollups', table => {
    table.integer('refused').notNullable().defaultTo(0);
    table.integer('failed_to_connect').notNullable().defaultTo(0);
    table.integer('timed_out').notNullable().defaultTo(0);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('opsready_health_rollups', table => {
    table.dropColumn('timed_out');
    table.dropColumn('failed_to_connect');
    table.dropColumn('refused');
  });
};
