import { durationToMilliseconds } from '@backstage/types';
import {
  MaintenanceWindow,
  MaintenanceWindowsStore,
  NewMaintenanceWindow,
} from '../database/MaintenanceWindowsStore';
import { ActiveMaintenance, MaintenanceCalendar } from '../notifications/types';
import { OccurrencesCache } from './OccurrencesCache';
import { SystemLookup } from './SystemLookup';
import { nextOccurrence } from './windowOccurrences';
import { timingOf } from './windowTiming';

/** One span a window is in force, with what it is about. */
export interface MaintenanceOccurrence {
  windowId: string;
  targetRef: string;
  /** Absent: every environment. */
  environment?: string;
  reason: string;
  start: Date;
  end: Date;
}

/** A window as listed for an entity: whether it is in force, and when next. */
export type ListedMaintenanceWindow = MaintenanceWindow & {
  active: boolean;
  /** The occurrence in force, else the next; null once the window is over. */
  nextOccurrence: { start: string; end: string } | null;
};

/** How far back a listing that includes past windows reaches. */
export const PAST_LISTED_DAYS = 30;
/** Windows listed at most for one entity. */
const MAX_LISTED = 200;
// Upcoming windows: far enough ahead for any recurrence.
const AHEAD_MS = durationToMilliseconds({ years: 10 });

/** Whether a window of `environment` (absent: all) covers `wanted` (absent: the entity as a whole). */
function covers(window: MaintenanceWindow, wanted: string | undefined) {
  return !window.environment || window.environment === wanted;
}

/**
 * Maintenance windows of entities and of their systems: which is in force
 * (the notifier holds health and error notifications while one is), the
 * spans to leave out of uptime and shade on charts, and the windows to list.
 * A window on a System applies to every entity whose `spec.system` names it.
 */
export class MaintenanceService implements MaintenanceCalendar {
  private readonly occurrences = new OccurrencesCache();

  constructor(
    private readonly deps: {
      store: MaintenanceWindowsStore;
      systems: Pick<SystemLookup, 'systemOf'>;
      now?: () => Date;
    },
  ) {}

  /**
   * The entity and, when it names one, its system. The system is read from
   * the catalog only when some System has a window in the range: most
   * questions (every evaluation asks for each entity's uptime) need none.
   */
  async targetsOf(
    entityRef: string,
    range: { from: Date; to: Date },
  ): Promise<string[]> {
    if (!(await this.deps.store.systemWindowsOverlap(range))) {
      return [entityRef];
    }
    const system = await this.deps.systems.systemOf(entityRef);
    return system && system !== entityRef ? [entityRef, system] : [entityRef];
  }

  async activeWindow(
    entityRef: string,
    environment: string | undefined,
    at: Date,
  ): Promise<ActiveMaintenance | undefined> {
    const instant = { from: at, to: new Date(at.getTime() + 1) };
    const windows = await this.deps.store.windowsOverlapping(
      await this.targetsOf(entityRef, instant),
      instant,
    );
    let found: ActiveMaintenance | undefined;
    for (const window of windows.filter(w => covers(w, environment))) {
      const occurrence = nextOccurrence(timingOf(window), at);
      if (!occurrence || occurrence.start > at) continue;
      // Of several in force, the one that lasts longest says until when.
      if (!found || occurrence.end.toISOString() > found.endsAt) {
        found = {
          windowId: window.id,
          reason: window.reason,
          endsAt: occurrence.end.toISOString(),
        };
      }
    }
    return found;
  }

  /**
   * The spans the entity (or its system) is in maintenance that overlap the
   * range, in time order; with `environment`, only those that cover it.
   */
  async occurrencesBetween(
    entityRef: string,
    range: { from: Date; to: Date },
    options: { environment?: string } = {},
  ): Promise<MaintenanceOccurrence[]> {
    const windows = await this.deps.store.windowsOverlapping(
      await this.targetsOf(entityRef, range),
      range,
    );
    return windows
      .filter(
        w =>
          options.environment === undefined || covers(w, options.environment),
      )
      .flatMap(window =>
        this.occurrences.between(window, range).map(span => ({
          windowId: window.id,
          targetRef: window.targetRef,
          ...(window.environment ? { environment: window.environment } : {}),
          reason: window.reason,
          ...span,
        })),
      )
      .sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  /**
   * The windows that apply to the entity, its system's among them: those in
   * force first, then the upcoming by when they start; with `includePast`,
   * then those over within the last PAST_LISTED_DAYS days, latest first.
   */
  async list(
    entityRef: string,
    options: { includePast?: boolean } = {},
  ): Promise<ListedMaintenanceWindow[]> {
    const now = this.now();
    const from = options.includePast
      ? new Date(now.getTime() - PAST_LISTED_DAYS * 24 * 3600_000)
      : now;
    const range = { from, to: new Date(now.getTime() + AHEAD_MS) };
    const windows = await this.deps.store.windowsOverlapping(
      await this.targetsOf(entityRef, range),
      range,
    );
    const listed = windows.map(window => {
      const next = nextOccurrence(timingOf(window), now);
      return {
        ...window,
        active: Boolean(next && next.start <= now),
        nextOccurrence: next
          ? { start: next.start.toISOString(), end: next.end.toISOString() }
          : null,
      };
    });
    const rank = (w: ListedMaintenanceWindow) => {
      if (w.active) return 0;
      return w.nextOccurrence ? 1 : 2;
    };
    return listed
      .filter(w => options.includePast || w.nextOccurrence)
      .sort(
        (a, b) =>
          rank(a) - rank(b) ||
          (a.nextOccurrence && b.nextOccurrence
            ? a.nextOccurrence.start.localeCompare(b.nextOccurrence.start)
            : b.endsAt.localeCompare(a.endsAt)),
      )
      .slice(0, MAX_LISTED);
  }

  create(window: NewMaintenanceWindow): Promise<MaintenanceWindow> {
    return this.deps.store.createWindow(window);
  }

  get(id: string): Promise<MaintenanceWindow | undefined> {
    return this.deps.store.getWindow(id);
  }

  delete(id: string): Promise<boolean> {
    return this.deps.store.deleteWindow(id);
  }

  private now() {
    return this.deps.now?.() ?? new Date();
  }
}
