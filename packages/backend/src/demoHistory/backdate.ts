import type { DatabaseService } from '@backstage/backend-plugin-api';
import { DEMO_CHECK_IDS, DEMO_ENTITY_REFS, demoChanges } from './story';

const DAY_MS = 24 * 3600_000;

/** The evaluations history keeps each change of a check's status in. */
const HISTORY_TABLE = 'opsready_check_result_history';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/**
 * Writes the demo story's check changes into the result history, dated
 * back from `now`, for each service and check that has no history older
 * than a day: one written here on an earlier start (so a restart adds
 * nothing), or the real history of a demo database that ran for longer,
 * which is left as it is. Live evaluations add today's results beside it,
 * and agree with where the story ends. Returns how many rows it wrote.
 */
export async function backdateDemoHistory(
  knex: Knex,
  now: Date,
): Promise<number> {
  return knex.transaction(async tx => {
    const kept: Array<{ entity_ref: string; check_id: string }> = await tx(
      HISTORY_TABLE,
    )
      .whereIn('entity_ref', DEMO_ENTITY_REFS)
      .whereIn('check_id', DEMO_CHECK_IDS)
      .where('changed_at', '<', new Date(now.getTime() - DAY_MS))
      .distinct('entity_ref', 'check_id');
    const hasHistory = new Set(kept.map(r => `${r.entity_ref}|${r.check_id}`));
    const rows = demoChanges()
      .filter(c => !hasHistory.has(`${c.entityRef}|${c.checkId}`))
      .map(c => ({
        entity_ref: c.entityRef,
        check_id: c.checkId,
        status: c.status,
        message: c.message,
        changed_at: new Date(now.getTime() - c.daysAgo * DAY_MS),
      }));
    if (rows.length > 0) {
      await tx(HISTORY_TABLE).insert(rows);
    }
    return rows.length;
  });
}
