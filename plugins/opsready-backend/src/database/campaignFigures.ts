/*
 * A campaign's figures, counted by the database from its entity rows: a
 * scope of 10,000 entities is never read into memory to be counted.
 */
import type {
  CampaignEntityStatus,
  CampaignFigures,
  CampaignTeam,
} from '@opsready/plugin-opsready-common';
import { Knex } from 'knex';
import { ENTITIES } from './campaignRows';
import { DbNumber } from './dbValues';

const zero = (): CampaignFigures => ({ total: 0, done: 0, exempt: 0, open: 0 });

/** The figures of each of these campaigns, zeros for one without rows. */
export async function campaignFigures(
  db: Knex,
  campaignIds: string[],
): Promise<Map<string, CampaignFigures>> {
  const figures = new Map(campaignIds.map(id => [id, zero()]));
  if (campaignIds.length === 0) return figures;
  const rows: Array<{
    campaign_id: string;
    status: CampaignEntityStatus;
    count: DbNumber;
  }> = await db(ENTITIES)
    .whereIn('campaign_id', campaignIds)
    .groupBy('campaign_id', 'status')
    .select('campaign_id', 'status')
    .count({ count: '*' });
  for (const row of rows) {
    const f = figures.get(row.campaign_id)!;
    f[row.status] += Number(row.count);
    f.total += Number(row.count);
  }
  return figures;
}

/** How many of a group's rows are in `status`. */
const countOf = (db: Knex, status: CampaignEntityStatus) =>
  db.raw('SUM(CASE WHEN ?? = ? THEN 1 ELSE 0 END)', ['status', status]);

/**
 * A campaign's figures per owner: most open first, then by owner, the
 * entities without an owner (owner null) after the owners with as many.
 */
export async function teamFigures(
  db: Knex,
  campaignId: string,
): Promise<CampaignTeam[]> {
  const rows: Array<{
    owner: string | null;
    total: DbNumber;
    done: DbNumber;
    exempt: DbNumber;
    open: DbNumber;
  }> = await db(ENTITIES)
    .where('campaign_id', campaignId)
    .groupBy('owner')
    .select(
      'owner',
      db.raw('COUNT(*) AS ??', ['total']),
      db.raw('? AS ??', [countOf(db, 'done'), 'done']),
      db.raw('? AS ??', [countOf(db, 'exempt'), 'exempt']),
      db.raw('? AS ??', [countOf(db, 'open'), 'open']),
    )
    .orderByRaw('? DESC, ?? IS NULL, ?? ASC', [
      countOf(db, 'open'),
      'owner',
      'owner',
    ]);
  return rows.map(row => ({
    owner: row.owner,
    total: Number(row.total),
    done: Number(row.done),
    exempt: Number(row.exempt),
    open: Number(row.open),
  }));
}
