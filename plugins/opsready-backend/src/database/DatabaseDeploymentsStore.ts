import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  Deployment,
  DeploymentInput,
  RollbackEvidence,
} from '@opsready/plugin-opsready-common';
import { Knex } from 'knex';
import { CHUNK, chunks } from './dbValues';
import {
  DEPLOYMENT_COLUMNS,
  DeploymentRow,
  deploymentColumns,
  evidenceColumn,
  mergeDeploymentDelivery,
  toDeployment,
} from './deploymentRows';
import {
  DeploymentCorrelation,
  DeploymentFilter,
  DeploymentsStore,
} from './DeploymentsStore';
import { afterCursor, toPage } from './keysetPaging';
import { migratedClient } from './migrate';
import { timesAsIso } from './timesAsIso';
import { Page, PageRequest, UpsertOutcome } from './types';
import { upsertBySourceKey } from './upsertBySourceKey';

const TABLE = 'opsready_deployments';
/**
 * How long before the watch starts a watched deployment may have started:
 * it bounds the scan by the start-time index. A rollout taking longer is
 * not watched.
 */
const LONGEST_ROLLOUT_MS = 24 * 3600_000;

/** The knex-backed store of deployments, on SQLite or PostgreSQL. */
export class DatabaseDeploymentsStore implements DeploymentsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseDeploymentsStore> {
    return new DatabaseDeploymentsStore(await migratedClient(options.database));
  }

  private readonly deploymentList: Array<string | Knex.Raw>;

  private constructor(private readonly db: Knex) {
    this.deploymentList = timesAsIso(db, TABLE, DEPLOYMENT_COLUMNS);
  }

  upsertDeployments(
    inputs: DeploymentInput[],
    now: Date,
  ): Promise<UpsertOutcome<DeploymentInput>> {
    return upsertBySourceKey<DeploymentInput, DeploymentRow>(this.db, {
      table: TABLE,
      inputs,
      now,
      newRow: deploymentColumns,
      merge: mergeDeploymentDelivery,
    });
  }

  async getDeployment(id: string): Promise<Deployment | undefined> {
    const row: DeploymentRow | undefined = await this.db(TABLE)
      .where('id', id)
      .first();
    return row ? toDeployment(row) : undefined;
  }

  async listDeployments(
    entityRef: string,
    filter: DeploymentFilter,
    page: PageRequest,
  ): Promise<Page<Deployment>> {
    const query = this.db(TABLE)
      .select(this.deploymentList)
      .where('entity_ref', entityRef);
    if (filter.environment) query.where('environment', filter.environment);
    if (filter.status) query.where('status', filter.status);
    if (filter.from) query.where('started_at', '>=', filter.from);
    if (filter.to) query.where('started_at', '<=', filter.to);
    afterCursor(query, 'started_at', page.cursor);
    const rows: DeploymentRow[] = await query
      .orderBy([
        { column: `${TABLE}.started_at`, order: 'desc' },
        { column: `${TABLE}.id`, order: 'desc' },
      ])
      .limit(page.limit + 1);
    return toPage(rows, page.limit, row => row.started_at, toDeployment);
  }

  async deploymentsBetween(
    entityRefs: string[],
    environment: string | undefined,
    range: { from: Date; to: Date },
  ): Promise<Deployment[]> {
    const rows: DeploymentRow[] = [];
    for (const batch of chunks(entityRefs, CHUNK)) {
      const query = this.db(TABLE)
        .whereIn('entity_ref', batch)
        .whereBetween('started_at', [range.from, range.to]);
      if (environment) query.where('environment', environment);
      rows.push(...(await query));
    }
    return oldestFirst(rows.map(toDeployment));
  }

  async deploymentsBefore(
    entityRef: string,
    environment: string,
    before: Date,
    count: number,
  ): Promise<Deployment[]> {
    const rows: DeploymentRow[] = await this.db(TABLE)
      .where({ entity_ref: entityRef, environment })
      .where('started_at', '<', before)
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(count);
    return rows.map(toDeployment);
  }

  async latestPerEnvironment(entityRef: string): Promise<Deployment[]> {
    // The entity's environments one index probe each (a loose index scan on
    // entity_ref, environment): a DISTINCT read every deployment of the
    // entity, 500 ms for 50,000. An environment without a successful
    // deployment has no latest one and is left out below.
    const environments: Array<{ environment: string | null }> = await this.db
      .withRecursive('environments', ['environment'], q =>
        q
          .select(this.db.raw('min(environment)'))
          .from(TABLE)
          .where('entity_ref', entityRef)
          .unionAll(next =>
            next
              .select(
                this.db.raw('?', [
                  this.db(`${TABLE} as d`)
                    .min('d.environment')
                    .where('d.entity_ref', entityRef)
                    .whereRaw('?? > ??', [
                      'd.environment',
                      'environments.environment',
                    ]),
                ]),
              )
              .from('environments')
              .whereNotNull('environments.environment'),
          ),
      )
      .select('environment')
      .from('environments')
      .whereNotNull('environment')
      .orderBy('environment');
    const latest: Array<DeploymentRow | undefined> = await Promise.all(
      environments.map(({ environment }) =>
        this.db(TABLE)
          .where({ entity_ref: entityRef, environment, status: 'succeeded' })
          .orderBy([
            { column: 'started_at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ])
          .first(),
      ),
    );
    return latest.flatMap(row => (row ? [toDeployment(row)] : []));
  }

  async watchedDeployments(since: Date): Promise<Deployment[]> {
    const rows: DeploymentRow[] = await this.db(`${TABLE} as d`)
      .select('d.*')
      .whereIn('d.status', ['succeeded', 'started'])
      .where(
        'd.started_at',
        '>=',
        new Date(since.getTime() - LONGEST_ROLLOUT_MS),
      )
      .where(reachedSince =>
        reachedSince
          .where('d.finished_at', '>=', since)
          .orWhere(running =>
            running
              .whereNull('d.finished_at')
              .where('d.started_at', '>=', since),
          ),
      )
      // A later deployment that reached the environment runs there now.
      .whereNotExists(
        this.db(`${TABLE} as newer`)
          .whereRaw('newer.entity_ref = d.entity_ref')
          .whereRaw('newer.environment = d.environment')
          .whereNot('newer.status', 'failed')
          .where(later =>
            later
              .whereRaw('newer.started_at > d.started_at')
              .orWhere(tie =>
                tie
                  .whereRaw('newer.started_at = d.started_at')
                  .whereRaw('newer.id > d.id'),
              ),
          )
          .select(this.db.raw('1')),
      );
    return oldestFirst(rows.map(toDeployment));
  }

  async setRollbackEvidence(
    id: string,
    evidence: RollbackEvidence[],
  ): Promise<void> {
    await this.db(TABLE)
      .where('id', id)
      .update({
        rollback_evidence: evidenceColumn(evidence),
      } satisfies Partial<DeploymentRow>);
  }

  async saveCorrelations(
    deployments: DeploymentCorrelation[],
    errorLinks: Array<{ id: string; deploymentId: string | null }>,
  ): Promise<void> {
    if (deployments.length === 0 && errorLinks.length === 0) return;
    await this.db.transaction(async tx => {
      for (const d of deployments) {
        await tx(TABLE)
          .where('id', d.id)
          .update({
            previous_version: d.previousVersion ?? null,
            is_rollback: d.isRollback,
            change_failure: d.changeFailureReasons.length > 0,
            change_failure_reasons: d.changeFailureReasons.length
              ? d.changeFailureReasons.join(',')
              : null,
            rollback_advised: Boolean(d.rollbackAdvisedReason),
            rollback_advised_reason: d.rollbackAdvisedReason ?? null,
          } satisfies Partial<DeploymentRow>);
      }
      for (const link of errorLinks) {
        await tx('opsready_errors')
          .where('id', link.id)
          .update({ deployment_id: link.deploymentId });
      }
    });
  }

  async deleteDeployments(
    source: string,
    externalIds: string[],
  ): Promise<number> {
    let deleted = 0;
    for (const batch of chunks(externalIds, CHUNK)) {
      deleted += await this.db.transaction(async (tx): Promise<number> => {
        const ids: string[] = await tx(TABLE)
          .where('source', source)
          .whereIn('external_id', batch)
          .pluck('id');
        if (ids.length === 0) return 0;
        // Errors that followed it are kept; the next correlation links them anew.
        await tx('opsready_errors')
          .whereIn('deployment_id', ids)
          .update({ deployment_id: null });
        return tx(TABLE).whereIn('id', ids).delete();
      });
    }
    return deleted;
  }

  async deleteOlderThan(before: Date, batchSize = 1000): Promise<number> {
    let deleted = 0;
    for (;;) {
      const victims = this.db(`${TABLE} as d`)
        .where('d.started_at', '<', before)
        // A later deployment of the same environment exists: this one is
        // history, not what runs there now.
        .whereExists(
          this.db(`${TABLE} as newer`)
            .whereRaw('newer.entity_ref = d.entity_ref')
            .whereRaw('newer.environment = d.environment')
            .whereRaw('newer.started_at > d.started_at')
            .select(this.db.raw('1')),
        )
        .select('d.id')
        .limit(batchSize);
      const n = await this.db(TABLE).whereIn('id', victims).delete();
      deleted += n;
      if (n < batchSize) break;
    }
    return deleted;
  }
}

/** Deployments by start, ties by id, so pages and replays agree. */
function oldestFirst(deployments: Deployment[]): Deployment[] {
  return deployments.sort(
    (a, b) =>
      Date.parse(a.startedAt) - Date.parse(b.startedAt) ||
      a.id.localeCompare(b.id),
  );
}
