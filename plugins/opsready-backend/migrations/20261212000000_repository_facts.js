// @ts-check

/**
 * What was read from each repository, so that a sweep asks the host only
 * whether it changed, and facts survive a restart; which repository (and
 * where in it) each component lives, and the catalog etag it was last
 * evaluated at; and the request budget of each integration host.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsready_repositories', table => {
    table.comment('Facts read from each repository at a ref');
    // The repository's root URL at its ref, e.g. https://github.com/o/r/tree/main.
    table.string('url', 1024).primary();
    table.string('host', 255).notNullable();
    table.string('repository', 255).notNullable().comment('owner/name');
    table.string('ref', 255).notNullable().comment('empty: the default branch');
    table
      .string('etag', 255)
      .nullable()
      .comment('what the URL reader returned');
    // JSON: RepositoryFacts of the whole repository (paths and files of interest).
    table.text('facts', 'longtext').nullable();
    table.timestamp('read_at', { useTz: true }).nullable();
    table
      .timestamp('checked_at', { useTz: true })
      .nullable()
      .comment('last time the host confirmed the facts');
    table
      .text('kept_because')
      .nullable()
      .comment('why the latest attempt did not renew the facts');
    table.index(
      ['host', 'repository', 'ref'],
      'opsready_repositories_name_idx',
    );
    table.index(['checked_at'], 'opsready_repositories_checked_idx');
  });
  await knex.schema.createTable('opsready_entity_sources', table => {
    table.comment(
      'Where each component lives, and the etag it was evaluated at',
    );
    table.string('entity_ref', 255).primary();
    table.string('entity_etag', 255).nullable();
    table.string('repository_url', 1024).nullable();
    table.string('subpath', 1024).notNullable().defaultTo('');
    table.index(['repository_url'], 'opsready_entity_sources_repository_idx');
  });
  await knex.schema.createTable('opsready_source_budgets', table => {
    table.comment(
      'The request budget of each integration host: a token bucket',
    );
    table.string('host', 255).primary();
    table.double('tokens').notNullable();
    table.bigInteger('refilled_at').notNullable().comment('epoch milliseconds');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsready_source_budgets');
  await knex.schema.dropTable('opsready_entity_sources');
  await knex.schema.dropTable('opsready_repositories');
};
