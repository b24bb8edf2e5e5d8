// @ts-check

/**
 * When OpsReady first evaluated each entity: the anchor of the time its
 * checks may stay pending (no data yet) before they count as unknown.
 * Entities evaluated before this take their oldest score history point,
 * or else their latest evaluation.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('opsready_entity_scores', table => {
    table
      .timestamp('first_evaluated_at', { useTz: true })
      .nullable()
      .comment(
        'When the entity was first evaluated; pending checks count from it',
      );
  });
  await knex('opsready_entity_scores').update({
    first_evaluated_at: knex.raw(
      `coalesce((select min(h.recorded_at) from opsready_score_history h where h.entity_ref = opsready_entity_scores.entity_ref), evaluated_at)`,
    ),
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('opsready_entity_scores', table => {
    table.dropColumn('first_evaluated_at');
  });
};
