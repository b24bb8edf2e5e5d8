// @ts-check

/**
 * Deployments, errors and services created from templates: what CI/CD,
 * webhooks, the Kubernetes collector, the health sweep and the scaffolder
 * tell OpsReady happened to a service.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsready_deployments', table => {
    table.comment('One row per deployment; a redelivery updates its row');
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 64).notNullable();
    table.string('version', 255).notNullable();
    table.string('status', 16).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.string('commit_sha', 64).nullable();
    table.timestamp('commit_at', { useTz: true }).nullable();
    table.string('actor', 255).nullable();
    table.text('url').nullable();
    table.string('source', 64).notNullable();
    table.string('external_id', 255).notNullable();
    table.string('previous_version', 255).nullable();
    table.boolean('is_rollback').notNullable().defaultTo(false);
    table.boolean('change_failure').notNullable().defaultTo(false);
    table
      .string('change_failure_reasons', 255)
      .nullable()
      .comment('Comma-separated ChangeFailureReason values');
    table.boolean('rollback_advised').notNullable().defaultTo(false);
    table.text('rollback_advised_reason').nullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['source', 'external_id'], {
      indexName: 'opsready_deployments_source_uq',
    });
    // Entity pages (newest first, optionally one environment) and the
    // correlation of one environment's deployments.
    table.index(
      ['entity_ref', 'started_at', 'id'],
      'opsready_deployments_entity_idx',
    );
    table.index(
      ['entity_ref', 'environment', 'started_at'],
      'opsready_deployments_entity_env_idx',
    );
    table.index(['started_at'], 'opsready_deployments_age_idx');
  });

  await knex.schema.createTable('opsready_errors', table => {
    table.comment(
      'One row per error event; a redelivery updates it, a new sighting counts',
    );
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 64).notNullable();
    table.string('stage', 64).nullable();
    table.string('code', 128).nullable();
    table.string('severity', 16).notNullable();
    table.string('category', 16).notNullable();
    table.text('message').notNullable();
    table.text('stack_trace').nullable();
    table.text('user_impact').nullable();
    table.text('business_impact').nullable();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table.integer('count').notNullable().defaultTo(1);
    table.string('fingerprint', 255).notNullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.string('resolved_by', 255).nullable();
    table.text('resolution_notes').nullable();
    table.string('source', 64).notNullable();
    table.string('external_id', 255).notNullable();
    table.string('deployment_id', 36).nullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['source', 'external_id'], {
      indexName: 'opsready_errors_source_uq',
    });
    // Entity pages and timelines, newest sighting first.
    table.index(
      ['entity_ref', 'last_seen_at', 'id'],
      'opsready_errors_entity_idx',
    );
    // The timeline places an error where it started.
    table.index(
      ['entity_ref', 'first_seen_at'],
      'opsready_errors_entity_started_idx',
    );
    table.index(
      ['entity_ref', 'fingerprint'],
      'opsready_errors_fingerprint_idx',
    );
    table.index(['deployment_id'], 'opsready_errors_deployment_idx');
    table.index(['last_seen_at'], 'opsready_errors_age_idx');
  });
  // What a source still has open (the Kubernetes collector resolves what it
  // no longer sees): a partial index where the database has them.
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      'CREATE INDEX opsready_errors_open_idx ON opsready_errors (source) WHERE resolved_at IS NULL',
    );
  } else {
    await knex.schema.alterTable('opsready_errors', table => {
      table.index(['source', 'resolved_at'], 'opsready_errors_open_idx');
    });
  }

  await knex.schema.createTable('opsready_provisioned_events', table => {
    table.comment('A service created from a software template');
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('template_name', 255).notNullable();
    table.string('template_version', 64).nullable();
    table.text('repo_url').nullable();
    table.string('actor', 255).nullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'at'], 'opsready_provisioned_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsready_provisioned_events');
  await knex.schema.dropTable('opsready_errors');
  await knex.schema.dropTable('opsready_deployments');
};
