// @ts-check

/**
 * When each campaign's launch was told (campaign.launched published): the
 * refresh that first sees a campaign started tells it once, however many
 * refreshes see it after, and a campaign paused at its start is told when
 * it resumes. Campaigns are never deleted, so the rows stay with them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsready_campaign_launches', table => {
    table.comment('When the launch of each campaign was told');
    table.string('campaign_id', 64).primary();
    table.timestamp('launched_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsready_campaign_launches');
};
