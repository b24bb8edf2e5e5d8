// @ts-check

/**
 * What the request metrics said after each deployment (error rate, p95
 * latency against the hour before), as the rollback triggers read them
 * from Prometheus: a JSON array of RollbackEvidence, null where the
 * deployment was never watched.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('opsready_deployments', table => {
    table
      .text('rollback_evidence')
      .nullable()
      .comment('JSON array of RollbackEvidence read from Prometheus');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('opsready_deployments', table => {
    table.dropColumn('rollback_evidence');
  });
};
