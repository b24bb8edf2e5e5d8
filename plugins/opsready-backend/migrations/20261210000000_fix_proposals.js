// @ts-check

/**
 * Changes proposed to fix an entity's checks (a pull request, a merge
 * request, a branch of a local repository): one row per entity and check,
 * the latest proposal replacing an older one. Rows of checks that pass
 * again are deleted as evaluations come in, so the table stays small.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsready_fix_proposals', table => {
    table.comment('Changes proposed to fix the checks of entities');
    table.string('id', 36).primary();
    // Normalized entity ref.
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 200).notNullable();
    // Where the change is reviewed; up to 2000 characters.
    table.text('url').notNullable();
    table.string('title', 300).nullable();
    table.string('branch', 255).nullable();
    table
      .string('created_by', 255)
      .notNullable()
      .comment("The caller's user entity ref or service subject");
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.unique(['entity_ref', 'check_id'], {
      indexName: 'opsready_fix_proposals_entity_check_uq',
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsready_fix_proposals');
};
