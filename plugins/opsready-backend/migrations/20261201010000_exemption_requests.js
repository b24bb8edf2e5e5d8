// @ts-check

/**
 * Exemptions can be asked for by anyone who can see the entity, and are
 * granted or declined by someone allowed to manage them. Exemptions made
 * before this were granted outright.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('opsready_exemptions', table => {
    table.string('status', 16).notNullable().defaultTo('granted');
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.text('decision_note').nullable();
    table.index(['entity_ref', 'status'], 'opsready_exemptions_status_idx');
  });
  await knex('opsready_exemptions').update({
    decided_by: knex.ref('created_by'),
    decided_at: knex.ref('created_at'),
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('opsready_exemptions', table => {
    table.dropIndex(['entity_ref', 'status'], 'opsready_exemptions_status_idx');
    table.dropColumn('decision_note');
    table.dropColumn('decided_at');
    table.dropColumn('decided_by');
    table.dropColumn('status');
  });
};
