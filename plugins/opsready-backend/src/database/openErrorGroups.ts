import { ErrorSeverity } from '@opsready/plugin-opsready-common';
import { Knex } from 'knex';
import { DbTime, iso } from './dbValues';
import { OpenErrorGroup } from './ErrorsStore';

const TABLE = 'opsready_errors';

/**
 * Open error groups of every entity, as the delivery facts see them: the
 * open errors of one severity grouped by entity and fingerprint, opened
 * when the oldest of them started. Those opened before `openedBefore`,
 * oldest first, each with its latest open error (by last sighting, then
 * id), in one query.
 */
export async function readOpenErrorGroupsBefore(
  db: Knex,
  severity: ErrorSeverity,
  openedBefore: Date,
  limit: number,
): Promise<OpenErrorGroup[]> {
  const open = (alias: string) =>
    db(`${TABLE} as ${alias}`)
      .where(`${alias}.severity`, severity)
      .whereNull(`${alias}.resolved_at`);
  const groups = open('grouped')
    .select('grouped.entity_ref', 'grouped.fingerprint')
    .min({ opened_at: 'grouped.first_seen_at' })
    .groupBy('grouped.entity_ref', 'grouped.fingerprint')
    .having(db.raw('min(??)', ['grouped.first_seen_at']), '<', openedBefore);
  const latestId = open('latest')
    .select('latest.id')
    .whereRaw('?? = ??', ['latest.entity_ref', 'groups.entity_ref'])
    .whereRaw('?? = ??', ['latest.fingerprint', 'groups.fingerprint'])
    .orderBy([
      { column: 'latest.last_seen_at', order: 'desc' },
      { column: 'latest.id', order: 'desc' },
    ])
    .limit(1);
  const rows: Array<{
    entity_ref: string;
    fingerprint: string;
    opened_at: DbTime;
    id: string;
    environment: string;
    message: string;
  }> = await db
    .from(groups.as('groups'))
    .join(`${TABLE} as e`, join =>
      join.on('e.id', '=', db.raw('?', [latestId])),
    )
    .select(
      'groups.entity_ref',
      'groups.fingerprint',
      'groups.opened_at',
      'e.id',
      'e.environment',
      'e.message',
    )
    .orderBy([
      { column: 'groups.opened_at', order: 'asc' },
      { column: 'groups.entity_ref', order: 'asc' },
      { column: 'groups.fingerprint', order: 'asc' },
    ])
    .limit(limit);
  return rows.map(row => ({
    entityRef: row.entity_ref,
    fingerprint: row.fingerprint,
    errorId: row.id,
    environment: row.environment,
    message: row.message,
    openedAt: iso(row.opened_at),
  }));
}
