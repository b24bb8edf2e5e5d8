/*
 * What the evaluation history says of a campaign's entities: the changes of
 * their goal checks, of their levels, and the exemptions from those checks,
 * from the tables the evaluations and exemptions write.
 */
import type { CheckStatus } from '@opsready/plugin-opsready-common';
import { Knex } from 'knex';
import type {
  CampaignHistory,
  CheckStatusChange,
  ExemptionSpan,
  LevelChange,
} from '../campaigns/types';
import { chunks, DbTime, toDate } from './dbValues';

const REFS_PER_QUERY = 500;
/**
 * Asked for by ref, the history of a scope costs in proportion to the
 * scope; read whole and filtered, in proportion to the fleet. With 10,000
 * entities and 90 days of history (bench/campaigns), the first cost 0.06 to
 * 0.15 ms an entity and the second 0.03 to 0.08 ms a fleet entity: they
 * meet when the scope is 40 to 80 % of the fleet.
 */
const BY_REF_UNDER_SHARE = 0.5;

/** Whether to ask for the history of `scope` entities by ref. */
async function asksByRef(db: Knex, scope: number): Promise<boolean> {
  if (scope <= REFS_PER_QUERY) return true;
  // Every entity evaluated has a score row: the fleet.
  const [{ count }] = await db('opsready_entity_scores').count({ count: '*' });
  return scope < Number(count) * BY_REF_UNDER_SHARE;
}

/**
 * Rows of `query` for these entities. `query` is given the refs to ask
 * for, or none to read every entity's rows.
 */
async function ofEntities<Row extends { entity_ref: string }>(
  entityRefs: string[],
  byRef: boolean,
  query: (refs?: string[]) => Knex.QueryBuilder,
): Promise<Row[]> {
  if (byRef) {
    const rows: Row[] = [];
    for (const batch of chunks(entityRefs, REFS_PER_QUERY)) {
      rows.push(...(await query(batch)));
    }
    return rows;
  }
  const wanted = new Set(entityRefs);
  const rows: Row[] = await query();
  return rows.filter(row => wanted.has(row.entity_ref));
}

/**
 * A time column as epoch milliseconds, named `at`. PostgreSQL sends the
 * number faster than its driver parses a timestamp, which counts over the
 * hundreds of thousands of rows of a fleet's history; SQLite keeps
 * timestamps as epoch milliseconds already.
 */
const epochMs = (db: Knex, column: string) =>
  db.client.config.client === 'pg'
    ? db.raw('(EXTRACT(EPOCH FROM ??) * 1000)::float8 AS ??', [column, 'at'])
    : db.raw('?? AS ??', [column, 'at']);

interface ResultChangeRow {
  entity_ref: string;
  check_id: string;
  status: CheckStatus;
  message: string;
  at: DbTime;
}

interface LevelRow {
  entity_ref: string;
  level: string | null;
  at: DbTime;
}

interface ExemptionRow {
  entity_ref: string;
  check_id: string;
  created_at: DbTime;
  decided_at: DbTime | null;
  expires_at: DbTime;
  revoked_at: DbTime | null;
}

function resultChanges(
  db: Knex,
  checkIds: string[],
  until: Date,
  refs?: string[],
): Knex.QueryBuilder {
  const query = db('opsready_check_result_history')
    .whereIn('check_id', checkIds)
    .where('changed_at', '<=', until)
    .select(
      'entity_ref',
      'check_id',
      'status',
      'message',
      epochMs(db, 'changed_at'),
    );
  return refs ? query.whereIn('entity_ref', refs) : query;
}

/**
 * The score history records every change of score: keep the first entry
 * of each entity and those whose level differs from the one before.
 */
function levelChanges(
  db: Knex,
  until: Date,
  refs?: string[],
): Knex.QueryBuilder {
  const window = 'PARTITION BY ?? ORDER BY ??, ??';
  const keys = ['entity_ref', 'recorded_at', 'id'];
  const scores = db('opsready_score_history')
    .where('recorded_at', '<=', until)
    .select(
      'entity_ref',
      'level',
      'recorded_at',
      db.raw(`LAG(??) OVER (${window}) AS ??`, ['level', ...keys, 'previous']),
      db.raw(`ROW_NUMBER() OVER (${window}) AS ??`, [...keys, 'n']),
    );
  if (refs) scores.whereIn('entity_ref', refs);
  return db
    .from(scores.as('scores'))
    .where('n', 1)
    .orWhereRaw('?? IS DISTINCT FROM ??', ['previous', 'level'])
    .select('entity_ref', 'level', epochMs(db, 'recorded_at'));
}

function grantedExemptions(
  db: Knex,
  checkIds: string[],
  until: Date,
  refs?: string[],
): Knex.QueryBuilder {
  const query = db('opsready_exemptions')
    .whereIn('check_id', checkIds)
    .where('status', 'granted')
    .where(granted =>
      granted
        .where('decided_at', '<=', until)
        .orWhere(outright =>
          outright.whereNull('decided_at').where('created_at', '<=', until),
        ),
    )
    .select(
      'entity_ref',
      'check_id',
      'created_at',
      'decided_at',
      'expires_at',
      'revoked_at',
    );
  return refs ? query.whereIn('entity_ref', refs) : query;
}

/**
 * A granted exemption is in force from when it was granted (made granted:
 * when it was made) until it expires or is revoked, whichever is first.
 */
function exemptionSpan(row: ExemptionRow): ExemptionSpan {
  const expires = toDate(row.expires_at);
  const revoked = row.revoked_at === null ? undefined : toDate(row.revoked_at);
  return {
    entityRef: row.entity_ref,
    checkId: row.check_id,
    from: toDate(row.decided_at ?? row.created_at),
    until: revoked && revoked < expires ? revoked : expires,
  };
}

/**
 * The history of these entities for these checks up to `until`, in no
 * particular order: the state at any time is the latest change on or
 * before it. `byRef` chooses how the entities are asked for; by default,
 * by ref for a small part of the fleet, all read and filtered for most.
 */
export async function readCampaignHistory(
  db: Knex,
  entityRefs: string[],
  checkIds: string[],
  until: Date,
  options: { byRef?: boolean } = {},
): Promise<CampaignHistory> {
  if (entityRefs.length === 0) {
    return { checkChanges: [], levelChanges: [], exemptions: [] };
  }
  const byRef = options.byRef ?? (await asksByRef(db, entityRefs.length));
  const results =
    checkIds.length === 0
      ? []
      : await ofEntities<ResultChangeRow>(entityRefs, byRef, refs =>
          resultChanges(db, checkIds, until, refs),
        );
  const levels = await ofEntities<LevelRow>(entityRefs, byRef, refs =>
    levelChanges(db, until, refs),
  );
  const exemptions =
    checkIds.length === 0
      ? []
      : await ofEntities<ExemptionRow>(entityRefs, byRef, refs =>
          grantedExemptions(db, checkIds, until, refs),
        );
  return {
    checkChanges: results.map(
      (row): CheckStatusChange => ({
        entityRef: row.entity_ref,
        checkId: row.check_id,
        status: row.status,
        message: row.message,
        changedAt: toDate(row.at),
      }),
    ),
    levelChanges: levels.map(
      (row): LevelChange => ({
        entityRef: row.entity_ref,
        level: row.level,
        changedAt: toDate(row.at),
      }),
    ),
    exemptions: exemptions.map(exemptionSpan),
  };
}
