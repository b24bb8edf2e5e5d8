// @ts-check

/**
 * Each entity's score and level on each scorecard. The first scorecard's
 * figures stay in `opsready_entity_scores` too, where the fleet, campaigns
 * and notifications read them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsready_scorecard_scores', table => {
    table.comment('The latest score and level of each entity per scorecard');
    table.string('entity_ref', 255).notNullable();
    table.string('scorecard_id', 63).notNullable();
    table.integer('score').nullable();
    table.string('level', 64).nullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'scorecard_id']);
    table.index(
      ['scorecard_id', 'level'],
      'opsready_scorecard_scores_level_idx',
    );
  });
  // Until the next sweep, the scores so far are those of the scorecard there
  // is without configuration (whose id is this one).
  await knex
    .insert(
      knex('opsready_entity_scores').select(
        'entity_ref',
        knex.raw('? as scorecard_id', ['production-readiness']),
        'score',
        'level',
        'evaluated_at',
      ),
    )
    .into(
      knex.raw('?? (??, ??, ??, ??, ??)', [
        'opsready_scorecard_scores',
        'entity_ref',
        'scorecard_id',
        'score',
        'level',
        'evaluated_at',
      ]),
    );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsready_scorecard_scores');
};
