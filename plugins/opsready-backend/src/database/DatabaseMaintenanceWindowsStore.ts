import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { MAX_WINDOW_MS } from '../maintenance/windowOccurrences';
import { chunks, DbTime, iso } from './dbValues';
import {
  MaintenanceWindow,
  MaintenanceWindowSource,
  MaintenanceWindowsStore,
  NewMaintenanceWindow,
} from './MaintenanceWindowsStore';
import { migratedClient } from './migrate';

const TABLE = 'opsready_maintenance_windows';

/** A row of `opsready_maintenance_windows`. */
interface WindowRow {
  id: string;
  target_ref: string;
  environment: string | null;
  starts_at: DbTime;
  ends_at: DbTime;
  reason: string;
  cron: string | null;
  time_zone: string | null;
  until: DbTime | null;
  created_by: string;
  created_at: DbTime;
  source: MaintenanceWindowSource;
  deployment_id: string | null;
}

// Targets per statement at most: an entity and its system are two, but a
// caller may ask for more.
const BATCH = 200;

function toWindow(row: WindowRow): MaintenanceWindow {
  return {
    id: row.id,
    targetRef: row.target_ref,
    ...(row.environment ? { environment: row.environment } : {}),
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    reason: row.reason,
    ...(row.cron ? { cron: row.cron } : {}),
    ...(row.time_zone ? { timeZone: row.time_zone } : {}),
    ...(row.until !== null ? { until: iso(row.until) } : {}),
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    source: row.source,
    ...(row.deployment_id ? { deploymentId: row.deployment_id } : {}),
  };
}

/** The knex-backed store of maintenance windows, on SQLite or PostgreSQL. */
export class DatabaseMaintenanceWindowsStore
  implements MaintenanceWindowsStore
{
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseMaintenanceWindowsStore> {
    return new DatabaseMaintenanceWindowsStore(
      await migratedClient(options.database),
    );
  }

  private constructor(private readonly db: Knex) {}

  async createWindow(window: NewMaintenanceWindow): Promise<MaintenanceWindow> {
    const row: WindowRow = {
      id: randomUUID(),
      target_ref: window.targetRef,
      environment: window.environment ?? null,
      starts_at: window.startsAt,
      ends_at: window.endsAt,
      reason: window.reason,
      cron: window.cron ?? null,
      time_zone: window.timeZone ?? null,
      until: window.until ?? null,
      created_by: window.createdBy,
      created_at: new Date(),
      source: window.source,
      deployment_id: window.deploymentId ?? null,
    };
    await this.db<WindowRow>(TABLE).insert(row);
    return toWindow(row);
  }

  async getWindow(id: string): Promise<MaintenanceWindow | undefined> {
    const row = await this.db<WindowRow>(TABLE).where('id', id).first();
    return row && toWindow(row);
  }

  /** The windows that may be in force at some time in the range. */
  private overlapping(range: { from: Date; to: Date }) {
    // A recurring window's occurrences start before `until` and last at
    // most MAX_WINDOW_MS: one whose until is earlier than that before
    // `from` is over by then.
    const lastReach = new Date(range.from.getTime() - MAX_WINDOW_MS);
    return this.db<WindowRow>(TABLE)
      .where('starts_at', '<', range.to)
      .where(overlap =>
        overlap
          .where(once =>
            once.whereNull('cron').where('ends_at', '>', range.from),
          )
          .orWhere(recurring =>
            recurring
              .whereNotNull('cron')
              .where(open =>
                open.whereNull('until').orWhere('until', '>', lastReach),
              ),
          ),
      );
  }

  async windowsOverlapping(
    targetRefs: string[],
    range: { from: Date; to: Date },
  ): Promise<MaintenanceWindow[]> {
    const rows: WindowRow[] = [];
    for (const batch of chunks(targetRefs, BATCH)) {
      rows.push(
        ...(await this.overlapping(range).whereIn('target_ref', batch)),
      );
    }
    return rows
      .map(toWindow)
      .sort(
        (a, b) =>
          a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id),
      );
  }

  async systemWindowsOverlap(range: {
    from: Date;
    to: Date;
  }): Promise<boolean> {
    // Targets are normalized refs: a System's begin `system:`.
    const row = await this.overlapping(range)
      .where('target_ref', 'like', 'system:%')
      .first('id');
    return row !== undefined;
  }

  async deleteWindow(id: string): Promise<boolean> {
    return (await this.db<WindowRow>(TABLE).where('id', id).delete()) > 0;
  }

  async deploymentWindow(
    targetRef: string,
    deploymentId: string,
  ): Promise<MaintenanceWindow | undefined> {
    const row = await this.db<WindowRow>(TABLE)
      .where({ target_ref: targetRef, deployment_id: deploymentId })
      .first();
    return row && toWindow(row);
  }

  async endDeploymentWindows(deploymentId: string, at: Date): Promise<number> {
    const rows = await this.db<WindowRow>(TABLE)
      .where('deployment_id', deploymentId)
      .where('ends_at', '>', at);
    let changed = 0;
    for (const row of rows) {
      // Finished before it began (events out of order): it never was.
      const startsAt = new Date(iso(row.starts_at));
      const end = startsAt > at ? startsAt : at;
      changed += await this.db<WindowRow>(TABLE)
        .where('id', row.id)
        .update({ ends_at: end });
    }
    return changed;
  }
}
