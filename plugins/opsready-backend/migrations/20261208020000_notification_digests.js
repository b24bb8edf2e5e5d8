// @ts-check

/**
 * Notices gathered for a digest: a topic configured for a daily or weekly
 * digest keeps each notice here, once per recipient, until the digest that
 * carries it is sent. `sent_at` stays null until then, so that a digest
 * that could not be sent leaves its items for the next.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsready_notification_digest_items', table => {
    table.comment(
      'Notices waiting for, or carried by, a daily or weekly digest',
    );
    table.string('id', 36).primary();
    table.string('topic', 32).notNullable();
    table
      .string('recipient_ref', 255)
      .notNullable()
      .comment('The user or group entity ref the digest goes to');
    table.string('entity_ref', 255).notNullable();
    table.string('kind', 64).notNullable();
    table.string('severity', 16).notNullable();
    table.text('title').notNullable();
    table.text('description').nullable();
    table.text('link').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table
      .timestamp('sent_at', { useTz: true })
      .nullable()
      .comment('When the digest carrying it was sent; null while it waits');
    // The sender reads what waits, topic by topic.
    table.index(
      ['sent_at', 'topic'],
      'opsready_notification_digest_items_unsent_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsready_notification_digest_items');
};
