// @ts-check

/**
 * What scorecard and check scopes (`appliesTo`) look at, kept with each
 * entity's latest evaluation, so the policy what-if can tell which entities
 * a changed scope takes in or leaves out without reading the catalog. Rows
 * written before stay null until the entity is evaluated again: `tags` is
 * null only then (an entity without tags stores `[]`).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('opsready_entity_scores', table => {
    table.string('type', 255).nullable().comment("The entity's spec.type");
    table
      .string('lifecycle', 255)
      .nullable()
      .comment("The entity's spec.lifecycle");
    table
      .text('tags')
      .nullable()
      .comment('metadata.tags as a JSON array; null: not recorded yet');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('opsready_entity_scores', table => {
    table.dropColumn('type');
    table.dropColumn('lifecycle');
    table.dropColumn('tags');
  });
};
