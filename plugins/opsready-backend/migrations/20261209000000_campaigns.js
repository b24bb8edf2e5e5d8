// @ts-check

/**
 * Campaigns: a goal the fleet is asked to reach by a deadline (checks that
 * must pass, a level, or both), who changed them and how, where each entity
 * in scope stands, and the daily burn-up. A campaign's goal and scope are
 * kept as JSON text: they are read and written whole, never queried into.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsready_campaigns', table => {
    table.comment('Campaigns: a goal for a scope of entities by a deadline');
    table.string('id', 36).primary();
    table.string('name', 200).notNullable();
    table.text('description').notNullable();
    table.text('rationale').notNullable();
    table.text('goal').notNullable().comment('CampaignGoal as JSON');
    table.text('scope').notNullable().comment('CampaignScope as JSON');
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table.timestamp('deadline', { useTz: true }).notNullable();
    table
      .string('owner', 255)
      .notNullable()
      .comment('The owning group, e.g. group:default/platform');
    table.boolean('enforce').notNullable().defaultTo(false);
    table
      .string('state', 16)
      .notNullable()
      .comment("'active', 'paused' or 'ended'");
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table
      .timestamp('computed_at', { useTz: true })
      .nullable()
      .comment('When progress was last computed; null until the first time');
    // Lists: running campaigns first, soonest deadline first.
    table.index(['state', 'deadline'], 'opsready_campaigns_state_idx');
  });

  await knex.schema.createTable('opsready_campaign_history', table => {
    table.comment('Who launched, edited, paused, resumed or ended a campaign');
    table.bigIncrements('id').primary();
    table.string('campaign_id', 36).notNullable();
    table.string('action', 16).notNullable();
    table.string('changed_by', 255).notNullable();
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table
      .text('changes')
      .notNullable()
      .comment('field: { from, to } for each field edited, as JSON');
    table.text('note').nullable();
    table.index(
      ['campaign_id', 'changed_at'],
      'opsready_campaign_history_campaign_idx',
    );
  });

  await knex.schema.createTable('opsready_campaign_entities', table => {
    table.comment('Where each entity in a campaign scope stands');
    table.string('campaign_id', 36).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('owner', 255).nullable();
    table
      .string('status', 8)
      .notNullable()
      .comment("'done', 'open' or 'exempt'");
    table
      .text('items')
      .notNullable()
      .comment('What is left (open) or exempted (exempt), as JSON');
    table
      .timestamp('since', { useTz: true })
      .notNullable()
      .comment('In this status since');
    table.primary(['campaign_id', 'entity_ref']);
    // The entity list, page by page within each status.
    table.index(
      ['campaign_id', 'status', 'entity_ref'],
      'opsready_campaign_entities_status_idx',
    );
    // The teams' figures and a team's open items.
    table.index(
      ['campaign_id', 'owner'],
      'opsready_campaign_entities_owner_idx',
    );
    // An entity's campaigns.
    table.index(['entity_ref'], 'opsready_campaign_entities_entity_idx');
  });

  await knex.schema.createTable('opsready_campaign_days', table => {
    table.comment('The burn-up: figures of a campaign at the end of each day');
    table.string('campaign_id', 36).notNullable();
    table.string('day', 10).notNullable().comment("UTC day, 'YYYY-MM-DD'");
    table.integer('total').notNullable();
    table.integer('done').notNullable();
    table.integer('exempt').notNullable();
    table.primary(['campaign_id', 'day']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsready_campaign_days');
  await knex.schema.dropTable('opsready_campaign_entities');
  await knex.schema.dropTable('opsready_campaign_history');
  await knex.schema.dropTable('opsready_campaigns');
};
