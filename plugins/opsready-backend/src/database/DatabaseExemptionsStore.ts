import { DatabaseService } from '@backstage/backend-plugin-api';
import { Exemption, ExemptionStatus } from '@opsready/plugin-opsready-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { chunks, DbTime, toDate } from './dbValues';
import {
  ExemptionDecision,
  ExemptionsStore,
  NewExemption,
} from './ExemptionsStore';
import { migratedClient } from './migrate';

/** A row of `opsready_exemptions`. */
interface ExemptionRow {
  id: string;
  entity_ref: string;
  check_id: string;
  reason: string;
  expires_at: DbTime;
  created_by: string;
  created_at: DbTime;
  status: ExemptionStatus;
  decided_by: string | null;
  decided_at: DbTime | null;
  decision_note: string | null;
  revoked_at: DbTime | null;
  revoked_by: string | null;
}

// How many entities one statement touches at most: SQLite caps bound parameters.
const BATCH = 200;

function toExemption(row: ExemptionRow): Exemption {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    checkId: row.check_id,
    reason: row.reason,
    expiresAt: toDate(row.expires_at).toISOString(),
    status: row.status,
    createdBy: row.created_by,
    createdAt: toDate(row.created_at).toISOString(),
    ...(row.decided_at
      ? {
          decidedBy: row.decided_by ?? undefined,
          decidedAt: toDate(row.decided_at).toISOString(),
          ...(row.decision_note ? { decisionNote: row.decision_note } : {}),
        }
      : {}),
    ...(row.revoked_at
      ? {
          revokedAt: toDate(row.revoked_at).toISOString(),
          revokedBy: row.revoked_by ?? undefined,
        }
      : {}),
  };
}

/** The knex-backed store of exemptions, on SQLite or PostgreSQL. */
export class DatabaseExemptionsStore implements ExemptionsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseExemptionsStore> {
    return new DatabaseExemptionsStore(await migratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  async createExemption(exemption: NewExemption): Promise<Exemption> {
    const now = new Date();
    const granted = exemption.status === 'granted';
    const row: ExemptionRow = {
      id: randomUUID(),
      entity_ref: exemption.entityRef,
      check_id: exemption.checkId,
      reason: exemption.reason,
      expires_at: exemption.expiresAt,
      created_by: exemption.createdBy,
      created_at: now,
      status: exemption.status,
      // Granted outright: whoever made it decided it.
      decided_by: granted ? exemption.createdBy : null,
      decided_at: granted ? now : null,
      decision_note: null,
      revoked_at: null,
      revoked_by: null,
    };
    await this.db<ExemptionRow>('opsready_exemptions').insert(row);
    return toExemption(row);
  }

  async getExemption(id: string): Promise<Exemption | undefined> {
    const row = await this.db<ExemptionRow>('opsready_exemptions')
      .where('id', id)
      .first();
    return row && toExemption(row);
  }

  async listExemptions(entityRef: string): Promise<Exemption[]> {
    const rows = await this.db<ExemptionRow>('opsready_exemptions')
      .where('entity_ref', entityRef)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toExemption);
  }

  activeExemptions(entityRef: string, now: Date): Promise<Exemption[]> {
    return this.unexpired(entityRef, 'granted', now);
  }

  async activeExemptionsOf(
    entityRefs: string[],
    now: Date,
  ): Promise<Map<string, Exemption[]>> {
    const byEntity = new Map<string, Exemption[]>();
    for (const batch of chunks([...new Set(entityRefs)], BATCH)) {
      const rows = await this.db<ExemptionRow>('opsready_exemptions')
        .whereIn('entity_ref', batch)
        .where('status', 'granted')
        .whereNull('revoked_at')
        .where('expires_at', '>', now)
        .orderBy('created_at', 'desc');
      for (const row of rows) {
        const exemptions = byEntity.get(row.entity_ref) ?? [];
        exemptions.push(toExemption(row));
        byEntity.set(row.entity_ref, exemptions);
      }
    }
    return byEntity;
  }

  pendingExemptionRequests(entityRef: string, now: Date): Promise<Exemption[]> {
    return this.unexpired(entityRef, 'requested', now);
  }

  /** The entity's exemptions in one status, neither revoked nor expired. */
  private async unexpired(
    entityRef: string,
    status: ExemptionStatus,
    now: Date,
  ): Promise<Exemption[]> {
    const rows = await this.db<ExemptionRow>('opsready_exemptions')
      .where('entity_ref', entityRef)
      .where('status', status)
      .whereNull('revoked_at')
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc');
    return rows.map(toExemption);
  }

  async decideExemption(
    id: string,
    decision: ExemptionDecision,
  ): Promise<Exemption | undefined> {
    // Only a request that still waits: two deciders at once, one wins.
    const changed = await this.db<ExemptionRow>('opsready_exemptions')
      .where('id', id)
      .where('status', 'requested')
      .whereNull('revoked_at')
      .update({
        status: decision.status,
        decided_by: decision.by,
        decided_at: decision.at,
        decision_note: decision.note ?? null,
      });
    return changed ? this.getExemption(id) : undefined;
  }

  async revokeExemption(
    id: string,
    revokedBy: string,
    at: Date,
  ): Promise<void> {
    await this.db<ExemptionRow>('opsready_exemptions')
      .where('id', id)
      .whereNull('revoked_at')
      .update({ revoked_at: at, revoked_by: revokedBy });
  }

  async expiringExemptions(
    range: { from: Date; to: Date },
    limit: number,
  ): Promise<Exemption[]> {
    const renewal = this.db('opsready_exemptions as later')
      .select(this.db.raw('1'))
      .whereRaw('?? = ??', ['later.entity_ref', 'ending.entity_ref'])
      .whereRaw('?? = ??', ['later.check_id', 'ending.check_id'])
      .where('later.status', 'granted')
      .whereNull('later.revoked_at')
      .whereRaw('?? > ??', ['later.expires_at', 'ending.expires_at']);
    const rows: ExemptionRow[] = await this.db('opsready_exemptions as ending')
      .select('ending.*')
      .where('ending.status', 'granted')
      .whereNull('ending.revoked_at')
      .where('ending.expires_at', '>', range.from)
      .where('ending.expires_at', '<=', range.to)
      .whereNotExists(renewal)
      .orderBy([
        { column: 'ending.expires_at', order: 'asc' },
        { column: 'ending.id', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(toExemption);
  }

  async deleteEntities(entityRefs: string[]): Promise<void> {
    for (const batch of chunks(entityRefs, BATCH)) {
      await this.db<ExemptionRow>('opsready_exemptions')
        .whereIn('entity_ref', batch)
        .delete();
    }
  }
}
