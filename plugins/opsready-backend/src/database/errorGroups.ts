import { ServiceError } from '@opsready/plugin-opsready-common';
import { Knex } from 'knex';
import { DbBoolean, DbNumber, DbTime, iso } from './dbValues';
import {
  ERROR_COLUMNS,
  ErrorRow,
  LINKED_DEPLOYMENT_COLUMNS,
  LinkedDeploymentRow,
  linkedDeployment,
  toError,
} from './errorRows';
import { ErrorFilter } from './ErrorsStore';
import { decodeCursor, encodeCursor } from './keysetPaging';
import { timesAsIso } from './timesAsIso';
import { Page, PageRequest } from './types';

const TABLE = 'opsready_errors';

/**
 * Keeps the errors of an entity a filter keeps, on the table as `alias`:
 * the list, the groups and each group's latest row filter alike.
 */
export function whereErrorFilter(
  query: Knex.QueryBuilder,
  alias: string,
  entityRef: string,
  filter: ErrorFilter,
): Knex.QueryBuilder {
  const column = (name: keyof ErrorRow) => `${alias}.${name}`;
  query.where(column('entity_ref'), entityRef);
  if (filter.environment) {
    query.where(column('environment'), filter.environment);
  }
  if (filter.severity) query.where(column('severity'), filter.severity);
  if (filter.category) query.where(column('category'), filter.category);
  if (filter.status === 'open') query.whereNull(column('resolved_at'));
  if (filter.status === 'resolved') {
    query.whereNotNull(column('resolved_at'));
  }
  if (filter.from) query.where(column('last_seen_at'), '>=', filter.from);
  if (filter.to) query.where(column('first_seen_at'), '<=', filter.to);
  return query;
}

/** A group of the page: its figures, its latest row, and whether it is open. */
type GroupRow = ErrorRow &
  Partial<LinkedDeploymentRow> & {
    group_last_seen_at: DbTime;
    group_first_seen_at: DbTime;
    group_total: DbNumber;
    group_occurrences: DbNumber;
    group_open: DbBoolean;
  };

/**
 * One page of an entity's errors grouped by fingerprint, latest sighting
 * first, in one query. The groups are aggregated over the errors the filter
 * keeps (an index holds every column the aggregate reads, see the
 * migration `error_groups_index`); then, for the page's groups only, the
 * latest row of each (by last sighting, then id: what the flat list would
 * show first), the deployment it followed, and whether any error of the
 * group, in or out of the filter, is still open: one open event keeps the
 * whole problem open.
 */
export async function readErrorGroups(
  db: Knex,
  entityRef: string,
  filter: ErrorFilter,
  page: PageRequest,
): Promise<Page<ServiceError>> {
  const groups = whereErrorFilter(
    db(`${TABLE} as grouped`),
    'grouped',
    entityRef,
    filter,
  )
    .select('grouped.fingerprint')
    .max({ group_last_seen_at: 'grouped.last_seen_at' })
    .min({ group_first_seen_at: 'grouped.first_seen_at' })
    .sum({ group_total: 'grouped.count' })
    .count({ group_occurrences: '*' })
    .groupBy('grouped.fingerprint');
  if (page.cursor) {
    const { at, id: fingerprint } = decodeCursor(page.cursor);
    groups.havingRaw(
      '(max(grouped.last_seen_at) < ? or (max(grouped.last_seen_at) = ? and grouped.fingerprint > ?))',
      [at, at, fingerprint],
    );
  }
  groups
    .orderBy([
      { column: 'group_last_seen_at', order: 'desc' },
      { column: 'grouped.fingerprint', order: 'asc' },
    ])
    .limit(page.limit + 1);

  const latestId = whereErrorFilter(
    db(`${TABLE} as latest`),
    'latest',
    entityRef,
    filter,
  )
    .select('latest.id')
    .whereRaw('?? = ??', ['latest.fingerprint', 'groups.fingerprint'])
    .orderBy([
      { column: 'latest.last_seen_at', order: 'desc' },
      { column: 'latest.id', order: 'desc' },
    ])
    .limit(1);
  const openError = db(`${TABLE} as open_errors`)
    .select(db.raw('1'))
    .where('open_errors.entity_ref', entityRef)
    .whereRaw('?? = ??', ['open_errors.fingerprint', 'groups.fingerprint'])
    .whereNull('open_errors.resolved_at');

  const rows: GroupRow[] = await db
    .from(groups.as('groups'))
    .join(`${TABLE} as e`, join =>
      join.on('e.id', '=', db.raw('?', [latestId])),
    )
    .leftJoin('opsready_deployments as linked', 'linked.id', 'e.deployment_id')
    .select([
      'groups.group_last_seen_at',
      'groups.group_first_seen_at',
      'groups.group_total',
      'groups.group_occurrences',
      db.raw('(case when exists ? then 1 else 0 end) as group_open', [
        openError,
      ]),
      ...timesAsIso(db, 'e', ERROR_COLUMNS),
      ...timesAsIso(db, 'linked', LINKED_DEPLOYMENT_COLUMNS, {
        prefix: 'linked_',
      }),
    ])
    .orderBy([
      { column: 'groups.group_last_seen_at', order: 'desc' },
      { column: 'groups.fingerprint', order: 'asc' },
    ]);

  const pageRows = rows.slice(0, page.limit);
  const items = pageRows.map(toGroup);
  const last = pageRows[pageRows.length - 1];
  return {
    items,
    ...(rows.length > page.limit && last
      ? {
          nextCursor: encodeCursor(last.group_last_seen_at, last.fingerprint),
        }
      : {}),
  };
}

/** A group as the API shows it: its latest error, with the group's figures. */
function toGroup(row: GroupRow): ServiceError {
  const { resolvedAt, resolvedBy, resolutionNotes, ...event } = toError(row);
  const open = Boolean(Number(row.group_open));
  return {
    ...event,
    ...(row.linked_started_at
      ? { deployment: linkedDeployment(row as LinkedDeploymentRow) }
      : {}),
    count: Number(row.group_total),
    occurrences: Number(row.group_occurrences),
    firstSeenAt: iso(row.group_first_seen_at),
    lastSeenAt: iso(row.group_last_seen_at),
    status: open ? 'open' : 'resolved',
    ...(open ? {} : { resolvedAt, resolvedBy, resolutionNotes }),
  };
}
