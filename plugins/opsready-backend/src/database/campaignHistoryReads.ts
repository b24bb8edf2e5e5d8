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

/**
 * Up to this many entities, their rows are asked for by entity ref (the
 * history's index), a slice of refs per query. Past it, the rows of every
 * entity are read and those of others dropped: a campaign's scope is then a
 * large part of the fleet, and one scan beats many index lookups.
 */
export const ENTITIES_ASKED_BY_REF = 2000;
const REFS_PER_QUERY = 500;

/** Rows of `query` for these entities, by `column`. */
async function ofEntities<Row extends { entity_ref: string }>(
  entityRefs: string[],
  query: () => Knex.QueryBuilder,
  options: { byRef: boolean },
): Promise<Row[]> {
  if (options.byRef) {
    const rows: Row[] = [];
    for (const batch of chunks(entityRefs, REFS_PER_QUERY)) {
      rows.push(...(await query().whereIn('entity_ref', batch)));
    }
    return rows;
  }
  const wanted = new Set(entityRefs);
  const rows: Row[] = await query();
  return rows.filter(row => wanted.has(row.entity_ref));
}

interface ResultChangeRow {
  entity_ref: string;
  check_id: string;
  status: CheckStatus;
  message: string;
  changed_at: DbTime;
}

interface LevelRow {
  entity_ref: string;
  level: string | null;
  recorded_at: DbTime;
}

interface ExemptionRow {
  entity_ref: string;
  check_id: string;
  created_at: DbTime;
  decided_at: DbTime | null;
  expires_at: DbTime;
  revoked_at: DbTime | null;
}

/** The score history records scores too: keep the changes of level. */
function levelChanges(rows: LevelRow[]): LevelChange[] {
  const last = new Map<string, string | null>();
  const changes: LevelChange[] = [];
  for (const row of rows) {
    if (last.has(row.entity_ref) && last.get(row.entity_ref) === row.level) {
      continue;
    }
    last.set(row.entity_ref, row.level);
    changes.push({
      entityRef: row.entity_ref,
      level: row.level,
      changedAt: toDate(row.recorded_at),
    });
  }
  return changes;
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
 * The history of these entities for these checks up to `until`, oldest
 * first within each kind of change.
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
  const byRef = options.byRef ?? entityRefs.length <= ENTITIES_ASKED_BY_REF;
  const results =
    checkIds.length === 0
      ? []
      : await ofEntities<ResultChangeRow>(
          entityRefs,
          () =>
            db('opsready_check_result_history')
              .whereIn('check_id', checkIds)
              .where('changed_at', '<=', until)
              .orderBy([{ column: 'changed_at' }, { column: 'id' }])
              .select(
                'entity_ref',
                'check_id',
                'status',
                'message',
                'changed_at',
              ),
          { byRef },
        );
  const levels = await ofEntities<LevelRow>(
    entityRefs,
    () =>
      db('opsready_score_history')
        .where('recorded_at', '<=', until)
        .orderBy([{ column: 'recorded_at' }, { column: 'id' }])
        .select('entity_ref', 'level', 'recorded_at'),
    { byRef },
  );
  const exemptions =
    checkIds.length === 0
      ? []
      : await ofEntities<ExemptionRow>(
          entityRefs,
          () =>
            db('opsready_exemptions')
              .whereIn('check_id', checkIds)
              .where('status', 'granted')
              .where(granted =>
                granted
                  .where('decided_at', '<=', until)
                  .orWhere(outright =>
                    outright
                      .whereNull('decided_at')
                      .where('created_at', '<=', until),
                  ),
              )
              .orderBy([{ column: 'created_at' }, { column: 'id' }])
              .select(
                'entity_ref',
                'check_id',
                'created_at',
                'decided_at',
                'expires_at',
                'revoked_at',
              ),
          { byRef },
        );
  return {
    checkChanges: results.map(
      (row): CheckStatusChange => ({
        entityRef: row.entity_ref,
        checkId: row.check_id,
        status: row.status,
        message: row.message,
        changedAt: toDate(row.changed_at),
      }),
    ),
    levelChanges: levelChanges(levels),
    exemptions: exemptions.map(exemptionSpan),
  };
}
