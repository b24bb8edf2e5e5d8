import { Knex } from 'knex';
import type { CampaignEntityRow } from '../campaigns/types';
import { ENTITIES, toEntityRow } from './campaignRows';
import { chunks } from './dbValues';

/**
 * Rows per insert: 6 values each, well under PostgreSQL's 65,535 bound
 * values, and few statements for a scope of 10,000. knex writes a multi-row
 * insert on SQLite as a compound SELECT, of at most 500 terms.
 */
const rowsPerInsert = (db: Knex) =>
  db.client.config.client === 'pg' ? 1000 : 500;
// Entity refs per delete.
const REFS_PER_DELETE = 1000;

/**
 * Writes a campaign's entity rows, each over the one it replaces. A row
 * whose status did not change keeps its `since`; a row that is the same as
 * the stored one is not written at all, so that a refresh that changes
 * little writes little.
 */
export async function writeEntityRows(
  tx: Knex.Transaction,
  campaignId: string,
  rows: CampaignEntityRow[],
): Promise<void> {
  const stored = (column: string) => tx.ref(`${ENTITIES}.${column}`);
  const incoming = (column: string) => tx.ref(`excluded.${column}`);
  // One row per entity, the last given: an insert may not touch a row twice.
  const unique = [...new Map(rows.map(row => [row.entityRef, row])).values()];
  for (const batch of chunks(unique, rowsPerInsert(tx))) {
    await tx(ENTITIES)
      .insert(batch.map(row => toEntityRow(campaignId, row)))
      .onConflict(['campaign_id', 'entity_ref'])
      .merge({
        owner: incoming('owner'),
        status: incoming('status'),
        items: incoming('items'),
        since: tx.raw('CASE WHEN ? = ? THEN ? ELSE ? END', [
          stored('status'),
          incoming('status'),
          stored('since'),
          incoming('since'),
        ]),
      })
      .where(changed =>
        changed
          .whereRaw('? IS DISTINCT FROM ?', [
            stored('status'),
            incoming('status'),
          ])
          .orWhereRaw('? IS DISTINCT FROM ?', [
            stored('owner'),
            incoming('owner'),
          ])
          .orWhereRaw('? <> ?', [stored('items'), incoming('items')]),
      );
  }
}

/** Removes the rows of these entities from the campaign. */
export async function deleteEntityRows(
  tx: Knex.Transaction,
  campaignId: string,
  entityRefs: string[],
): Promise<void> {
  for (const batch of chunks(entityRefs, REFS_PER_DELETE)) {
    await tx(ENTITIES)
      .where('campaign_id', campaignId)
      .whereIn('entity_ref', batch)
      .delete();
  }
}

/** The refs of the campaign's rows not among `keep`. */
export async function entityRefsNotIn(
  tx: Knex.Transaction,
  campaignId: string,
  keep: CampaignEntityRow[],
): Promise<string[]> {
  const kept = new Set(keep.map(row => row.entityRef));
  const stored: Array<{ entity_ref: string }> = await tx(ENTITIES)
    .where('campaign_id', campaignId)
    .select('entity_ref');
  return stored.map(r => r.entity_ref).filter(ref => !kept.has(ref));
}
