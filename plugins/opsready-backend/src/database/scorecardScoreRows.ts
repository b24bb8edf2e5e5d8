import { ScorecardScore } from '@opsready/plugin-opsready-node';
import { Knex } from 'knex';
import { chunks } from './dbValues';

const TABLE = 'opsready_scorecard_scores';
const BATCH = 200;

/** A row of `opsready_scorecard_scores`. */
interface ScorecardScoreRow {
  entity_ref: string;
  scorecard_id: string;
  score: number | null;
  level: string | null;
}

/**
 * Replaces the entity's scorecard scores with these: a scorecard that no
 * longer scores the entity (removed, or its scope narrowed) keeps no row.
 */
export async function replaceScorecardScores(
  tx: Knex.Transaction,
  entityRef: string,
  scores: ReadonlyArray<ScorecardScore>,
  evaluatedAt: Date,
): Promise<void> {
  await tx(TABLE)
    .where('entity_ref', entityRef)
    .whereNotIn(
      'scorecard_id',
      scores.map(s => s.scorecardId),
    )
    .delete();
  if (scores.length === 0) return;
  await tx(TABLE)
    .insert(
      scores.map(s => ({
        entity_ref: entityRef,
        scorecard_id: s.scorecardId,
        score: s.score,
        level: s.level,
        evaluated_at: evaluatedAt,
      })),
    )
    .onConflict(['entity_ref', 'scorecard_id'])
    .merge(['score', 'level', 'evaluated_at']);
}

/** The scorecard scores of these entities, by entity ref, ordered by id. */
export async function readScorecardScores(
  db: Knex,
  entityRefs: string[],
): Promise<Map<string, ScorecardScore[]>> {
  const byEntity = new Map<string, ScorecardScore[]>();
  for (const batch of chunks(entityRefs, BATCH)) {
    const rows: ScorecardScoreRow[] = await db(TABLE)
      .whereIn('entity_ref', batch)
      .orderBy(['entity_ref', 'scorecard_id'])
      .select('entity_ref', 'scorecard_id', 'score', 'level');
    for (const row of rows) {
      const scores = byEntity.get(row.entity_ref) ?? [];
      scores.push({
        scorecardId: row.scorecard_id,
        score: row.score === null ? null : Number(row.score),
        level: row.level,
      });
      byEntity.set(row.entity_ref, scores);
    }
  }
  return byEntity;
}

export const scorecardScoresTable = TABLE;

/**
 * A scorecard's scores in the columns of `opsready_entity_scores`, so the
 * fleet's queries read either alike.
 */
export function scorecardScoresAsEntityScores(
  db: Knex,
  scorecardId: string,
): Knex.QueryBuilder {
  return db(`${TABLE} as s`)
    .join('opsready_entity_scores as e', 'e.entity_ref', 's.entity_ref')
    .where('s.scorecard_id', scorecardId)
    .select(
      's.entity_ref as entity_ref',
      'e.kind as kind',
      'e.owner as owner',
      's.score as score',
      's.level as level',
      's.evaluated_at as evaluated_at',
      'e.first_evaluated_at as first_evaluated_at',
    )
    .as('scored');
}
