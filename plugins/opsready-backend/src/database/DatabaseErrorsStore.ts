import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  ErrorDeployment,
  ServiceError,
  ErrorSeriesPoint,
  ErrorSeverity,
} from '@opsready/plugin-opsready-common';
import { Knex } from 'knex';
import { CHUNK, DbNumber, chunks, iso } from './dbValues';
import { readErrorGroups, whereErrorFilter } from './errorGroups';
import {
  ERROR_COLUMNS,
  ERROR_SUMMARY_COLUMNS,
  ErrorRow,
  ErrorSummaryRow,
  LINKED_DEPLOYMENT_COLUMNS,
  LinkedDeploymentRow,
  linkedDeployment,
  mergeErrorSighting,
  newErrorRow,
  toError,
} from './errorRows';
import {
  ErrorFilter,
  ErrorSeries,
  ErrorsStore,
  ErrorSummary,
  NormalizedErrorInput,
  ErrorGroupTally,
  OpenErrorGroup,
} from './ErrorsStore';
import { afterCursor, toPage } from './keysetPaging';
import { migratedClient } from './migrate';
import { readOpenErrorGroupsBefore } from './openErrorGroups';
import { timesAsIso } from './timesAsIso';
import { Page, PageRequest, UpsertOutcome } from './types';
import { upsertBySourceKey } from './upsertBySourceKey';

const TABLE = 'opsready_errors';

/** The knex-backed store of error events, on SQLite or PostgreSQL. */
export class DatabaseErrorsStore implements ErrorsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseErrorsStore> {
    return new DatabaseErrorsStore(await migratedClient(options.database));
  }

  private readonly errorList: Array<string | Knex.Raw>;
  private readonly errorSummaryList: Array<string | Knex.Raw>;
  private readonly linkedDeploymentList: Array<string | Knex.Raw>;

  private constructor(private readonly db: Knex) {
    this.errorList = timesAsIso(db, TABLE, ERROR_COLUMNS);
    this.errorSummaryList = timesAsIso(db, TABLE, ERROR_SUMMARY_COLUMNS);
    this.linkedDeploymentList = timesAsIso(
      db,
      'linked',
      LINKED_DEPLOYMENT_COLUMNS,
      { prefix: 'linked_' },
    );
  }

  upsertErrors(
    inputs: NormalizedErrorInput[],
    now: Date,
  ): Promise<UpsertOutcome<NormalizedErrorInput>> {
    return upsertBySourceKey<NormalizedErrorInput, ErrorRow>(this.db, {
      table: TABLE,
      inputs,
      now,
      newRow: newErrorRow,
      merge: mergeErrorSighting,
    });
  }

  async getError(id: string): Promise<ServiceError | undefined> {
    const row: ErrorRow | undefined = await this.db(TABLE)
      .where('id', id)
      .first();
    return row ? (await this.withDeployments([toError(row)]))[0] : undefined;
  }

  /**
   * The errors with the deployment each followed, looked up in one query
   * per batch of distinct deployments: a reader wants the version, not an id.
   */
  private async withDeployments(
    errors: ServiceError[],
  ): Promise<ServiceError[]> {
    const ids = [
      ...new Set(errors.flatMap(e => (e.deploymentId ? [e.deploymentId] : []))),
    ];
    const found = new Map<string, ErrorDeployment>();
    for (const batch of chunks(ids, CHUNK)) {
      const rows: Array<LinkedDeploymentRow & { id: string }> = await this.db(
        'opsready_deployments as linked',
      )
        .whereIn('linked.id', batch)
        .select(['linked.id', ...this.linkedDeploymentList]);
      for (const row of rows) {
        found.set(row.id, linkedDeployment(row));
      }
    }
    return errors.map(e => {
      const deployment = e.deploymentId && found.get(e.deploymentId);
      return deployment ? { ...e, deployment } : e;
    });
  }

  private filteredErrors(entityRef: string, filter: ErrorFilter) {
    // Qualified: listErrors joins the deployments, which share some names.
    return whereErrorFilter(this.db(TABLE), TABLE, entityRef, filter);
  }

  async listErrors(
    entityRef: string,
    filter: ErrorFilter,
    page: PageRequest,
  ): Promise<Page<ServiceError>> {
    // The deployment each error followed comes in the same query.
    const query = this.filteredErrors(entityRef, filter)
      .select([...this.errorList, ...this.linkedDeploymentList])
      .leftJoin(
        'opsready_deployments as linked',
        'linked.id',
        `${TABLE}.deployment_id`,
      );
    afterCursor(query, `${TABLE}.last_seen_at`, page.cursor, `${TABLE}.id`);
    const rows: Array<ErrorRow & Partial<LinkedDeploymentRow>> = await query
      .orderBy([
        { column: `${TABLE}.last_seen_at`, order: 'desc' },
        { column: `${TABLE}.id`, order: 'desc' },
      ])
      .limit(page.limit + 1);
    return toPage(
      rows,
      page.limit,
      row => row.last_seen_at,
      row => {
        const error = toError(row);
        return row.linked_started_at
          ? {
              ...error,
              deployment: linkedDeployment(row as LinkedDeploymentRow),
            }
          : error;
      },
    );
  }

  listErrorGroups(
    entityRef: string,
    filter: ErrorFilter,
    page: PageRequest,
  ): Promise<Page<ServiceError>> {
    return readErrorGroups(this.db, entityRef, filter, page);
  }

  async errorCountsByHour(
    entityRef: string,
    filter: { environment?: string; from: Date; to: Date },
  ): Promise<ErrorSeries> {
    // Counted in the database: a chart over a range of 100,000 events then
    // costs a few hundred rows, not the events themselves. SQLite keeps
    // times as milliseconds since the epoch, PostgreSQL as timestamps.
    const hour =
      this.db.client.config.client === 'pg'
        ? this.db.raw('floor(extract(epoch from first_seen_at) / 3600) as hour')
        : this.db.raw('cast(first_seen_at / 3600000 as integer) as hour');
    const query = this.db(TABLE)
      .select(hour, 'severity', 'environment')
      .count({ events: '*' })
      .where('entity_ref', entityRef)
      .whereBetween('first_seen_at', [filter.from, filter.to])
      .groupBy(['hour', 'severity', 'environment'])
      .orderBy('hour');
    if (filter.environment) query.where('environment', filter.environment);
    const rows = (await query) as Array<{
      hour: DbNumber;
      severity: ErrorSeverity;
      environment: string;
      events: DbNumber;
    }>;
    const points = new Map<number, ErrorSeriesPoint>();
    const environments = new Set<string>();
    for (const row of rows) {
      const hourNumber = Number(row.hour);
      let point = points.get(hourNumber);
      if (!point) {
        point = {
          at: new Date(hourNumber * 3_600_000).toISOString(),
          critical: 0,
          high: 0,
          medium: 0,
          low: 0,
        };
        points.set(hourNumber, point);
      }
      point[row.severity] += Number(row.events);
      environments.add(row.environment);
    }
    return {
      items: [...points.values()],
      environments: [...environments].sort(),
    };
  }

  async errorsBetween(
    entityRef: string,
    environment: string | undefined,
    range: { from: Date; to: Date },
  ): Promise<ErrorSummary[]> {
    const rows: ErrorSummaryRow[] = await this.filteredErrors(entityRef, {
      environment,
      from: range.from,
      to: range.to,
    })
      .select(ERROR_SUMMARY_COLUMNS)
      .orderBy([{ column: 'first_seen_at' }, { column: 'id' }]);
    return rows.map(toError);
  }

  async errorsStartedBetween(
    entityRef: string,
    range: { from: Date; to: Date },
    limit: number,
  ): Promise<ErrorSummary[]> {
    const rows: ErrorSummaryRow[] = await this.db(TABLE)
      .select(this.errorSummaryList)
      .where('entity_ref', entityRef)
      .whereBetween('first_seen_at', [range.from, range.to])
      .orderBy([
        { column: `${TABLE}.first_seen_at`, order: 'desc' },
        { column: `${TABLE}.id`, order: 'desc' },
      ])
      .limit(limit);
    return rows.map(toError);
  }

  async resolveError(
    id: string,
    resolution: { by: string; notes?: string; at: Date },
  ): Promise<number> {
    return this.db.transaction(async tx => {
      const row: ErrorRow | undefined = await tx(TABLE).where('id', id).first();
      if (!row) return 0;
      const resolved: number = await tx(TABLE)
        .where({ entity_ref: row.entity_ref, fingerprint: row.fingerprint })
        .where(q => q.whereNull('resolved_at').orWhere('id', id))
        .update({
          resolved_at: resolution.at,
          resolved_by: resolution.by,
          resolution_notes: resolution.notes ?? null,
          updated_at: resolution.at,
        } satisfies Partial<ErrorRow>);
      return resolved;
    });
  }

  async listOpenErrors(
    source: string,
  ): Promise<Array<{ entityRef: string; externalId: string }>> {
    const rows: Array<Pick<ErrorRow, 'entity_ref' | 'external_id'>> =
      await this.db(TABLE)
        .where('source', source)
        .whereNull('resolved_at')
        .select('entity_ref', 'external_id')
        .orderBy([{ column: 'entity_ref' }, { column: 'external_id' }]);
    return rows.map(r => ({
      entityRef: r.entity_ref,
      externalId: r.external_id,
    }));
  }

  async openGroups(
    keys: Array<{ entityRef: string; fingerprint: string }>,
  ): Promise<Map<string, ErrorGroupTally>> {
    const groups = new Map<string, ErrorGroupTally>();
    // Two bound values a key: well under SQLite's 999 a statement.
    for (const batch of chunks(keys, CHUNK)) {
      const rows: Array<
        Pick<
          ErrorRow,
          | 'id'
          | 'entity_ref'
          | 'fingerprint'
          | 'environment'
          | 'severity'
          | 'message'
          | 'last_seen_at'
          | 'count'
        >
      > = await this.db(TABLE)
        .whereNull('resolved_at')
        .where(q => {
          for (const key of batch) {
            q.orWhere(w =>
              w
                .where('entity_ref', key.entityRef)
                .where('fingerprint', key.fingerprint),
            );
          }
        })
        .select(
          'id',
          'entity_ref',
          'fingerprint',
          'environment',
          'severity',
          'message',
          'last_seen_at',
          'count',
        )
        .orderBy('last_seen_at');
      for (const row of rows) {
        const key = `${row.entity_ref}|${row.fingerprint}`;
        const before = groups.get(key);
        groups.set(key, {
          errorId: String(row.id),
          environment: row.environment,
          severity: row.severity,
          message: row.message,
          lastSeenAt: iso(row.last_seen_at),
          occurrences: (before?.occurrences ?? 0) + Number(row.count),
        });
      }
    }
    return groups;
  }

  openErrorGroupsBefore(
    severity: ErrorSeverity,
    openedBefore: Date,
    limit: number,
  ): Promise<OpenErrorGroup[]> {
    return readOpenErrorGroupsBefore(this.db, severity, openedBefore, limit);
  }

  async deleteOlderThan(before: Date, batchSize = 1000): Promise<number> {
    let deleted = 0;
    for (;;) {
      const victims = this.db(TABLE)
        .where('last_seen_at', '<', before)
        .select('id')
        .limit(batchSize);
      const n = await this.db(TABLE).whereIn('id', victims).delete();
      deleted += n;
      if (n < batchSize) break;
    }
    return deleted;
  }
}
