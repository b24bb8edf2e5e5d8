// @ts-check

/**
 * The latest result of every check for every entity, and the latest score.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsready_entity_scores', table => {
    table.comment('The latest compliance score of each entity');
    table.string('entity_ref', 255).primary().notNullable();
    table
      .integer('score')
      .nullable()
      .comment('0-100; null when no scored check applies');
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('opsready_check_results', table => {
    table.comment('The latest result of each check for each entity');
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.string('status', 32).notNullable();
    table.text('message').notNullable();
    table.text('evidence').nullable().comment('JSON');
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'check_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsready_check_results');
  await knex.schema.dropTable('opsready_entity_scores');
};
