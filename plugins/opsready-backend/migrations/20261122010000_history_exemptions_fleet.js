// @ts-check

/**
 * History of result changes and of scores, exemptions, and the columns the
 * fleet view filters and groups by.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('opsready_entity_scores', table => {
    table.string('level', 64).nullable();
    table.string('kind', 64).nullable();
    table.string('owner', 255).nullable();
    table.index(['owner'], 'opsready_entity_scores_owner_idx');
    table.index(['level'], 'opsready_entity_scores_level_idx');
  });

  await knex.schema.createTable('opsready_check_result_history', table => {
    table.comment('One row each time a check result changes status');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.string('status', 32).notNullable();
    table.text('message').notNullable();
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.index(
      ['entity_ref', 'changed_at'],
      'opsready_result_history_entity_idx',
    );
  });

  await knex.schema.createTable('opsready_score_history', table => {
    table.comment('One row each time an entity score or level changes');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.integer('score').nullable();
    table.string('level', 64).nullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.index(
      ['entity_ref', 'recorded_at'],
      'opsready_score_history_entity_idx',
    );
  });

  await knex.schema.createTable('opsready_exemptions', table => {
    table.comment(
      'Exemptions from a check for an entity, with who, why and until when',
    );
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.text('reason').notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('revoked_at', { useTz: true }).nullable();
    table.string('revoked_by', 255).nullable();
    table.index(['entity_ref'], 'opsready_exemptions_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsready_exemptions');
  await knex.schema.dropTable('opsready_score_history');
  await knex.schema.dropTable('opsready_check_result_history');
  await knex.schema.alterTable('opsready_entity_scores', table => {
    table.dropIndex(['owner'], 'opsready_entity_scores_owner_idx');
    table.dropIndex(['level'], 'opsready_entity_scores_level_idx');
    table.dropColumn('level');
    table.dropColumn('kind');
    table.dropColumn('owner');
  });
};
