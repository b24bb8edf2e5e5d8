import { DatabaseService } from '@backstage/backend-plugin-api';
import { FixProposal } from '@opsready/plugin-opsready-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { CHUNK, chunks, DbTime, iso } from './dbValues';
import { FixProposalsStore, NewFixProposal } from './FixProposalsStore';
import { migratedClient } from './migrate';

const TABLE = 'opsready_fix_proposals';

/** A row of `opsready_fix_proposals`. */
interface ProposalRow {
  id: string;
  entity_ref: string;
  check_id: string;
  url: string;
  title: string | null;
  branch: string | null;
  created_by: string;
  created_at: DbTime;
}

function toProposal(row: ProposalRow): FixProposal {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    checkId: row.check_id,
    url: row.url,
    ...(row.title ? { title: row.title } : {}),
    ...(row.branch ? { branch: row.branch } : {}),
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
  };
}

/** Newest first; a request's proposals share their time, so by check next. */
const newestFirst = (a: FixProposal, b: FixProposal) =>
  b.createdAt.localeCompare(a.createdAt) ||
  a.entityRef.localeCompare(b.entityRef) ||
  a.checkId.localeCompare(b.checkId);

/** The knex-backed store of fix proposals, on SQLite or PostgreSQL. */
export class DatabaseFixProposalsStore implements FixProposalsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseFixProposalsStore> {
    return new DatabaseFixProposalsStore(
      await migratedClient(options.database),
    );
  }

  private constructor(private readonly db: Knex) {}

  async saveProposals(proposals: NewFixProposal[]): Promise<FixProposal[]> {
    const rows: ProposalRow[] = proposals.map(p => ({
      id: randomUUID(),
      entity_ref: p.entityRef,
      check_id: p.checkId,
      url: p.url,
      title: p.title ?? null,
      branch: p.branch ?? null,
      created_by: p.createdBy,
      created_at: p.createdAt,
    }));
    // One statement per chunk: two requests for the same check at once
    // leave one row, the later one, never a unique-key error.
    await this.db.transaction(async trx => {
      for (const chunk of chunks(rows, CHUNK)) {
        await trx<ProposalRow>(TABLE)
          .insert(chunk)
          .onConflict(['entity_ref', 'check_id'])
          .merge();
      }
    });
    return rows.map(toProposal);
  }

  async proposalsOf(entityRefs: string[]): Promise<FixProposal[]> {
    const found: FixProposal[] = [];
    for (const chunk of chunks([...new Set(entityRefs)], CHUNK)) {
      const rows = await this.db<ProposalRow>(TABLE).whereIn(
        'entity_ref',
        chunk,
      );
      found.push(...rows.map(toProposal));
    }
    return found.sort(newestFirst);
  }

  async deleteProposals(ids: string[]): Promise<number> {
    let deleted = 0;
    for (const chunk of chunks(ids, CHUNK)) {
      deleted += await this.db<ProposalRow>(TABLE).whereIn('id', chunk).del();
    }
    return deleted;
  }
}
