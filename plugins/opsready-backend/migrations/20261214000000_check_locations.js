// @ts-check

/**
 * The last good text of each check location (a YAML file of declarative
 * checks in a repository), so that a location that cannot be reached at
 * start-up keeps its checks rather than dropping them and raising scores.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsready_check_locations', table => {
    table.comment(
      'The last text of each check location that held valid checks',
    );
    table.string('target', 1024).primary().comment('the URL of the file');
    table
      .string('etag', 255)
      .nullable()
      .comment('what the URL reader returned with the text');
    table.text('text', 'longtext').notNullable();
    table.timestamp('read_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsready_check_locations');
};
