import { MaintenanceWindow } from '../database/MaintenanceWindowsStore';
import { Occurrence, occurrencesBetween } from './windowOccurrences';
import { timingOf } from './windowTiming';

const HOUR = 3600_000;
const DEFAULT_TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 1_000;

/**
 * The occurrences of recurring windows, remembered for a few minutes: the
 * cron takes milliseconds per fire time, and the health figures of an entity
 * ask for a month of them on every read and every evaluation. Ranges are
 * widened to whole hours, so that requests moments apart share an entry; an
 * entry is keyed by the window's timing as well as its id, so a window that
 * changed (a deployment's, ended early) is computed afresh.
 */
export class OccurrencesCache {
  private readonly entries = new Map<
    string,
    { occurrences: Occurrence[]; expires: number }
  >();

  constructor(
    private readonly options: { ttlMs?: number; now?: () => number } = {},
  ) {}

  between(
    window: MaintenanceWindow,
    range: { from: Date; to: Date },
  ): Occurrence[] {
    const timing = timingOf(window);
    if (!timing.cron) {
      return occurrencesBetween(timing, range);
    }
    const from = Math.floor(range.from.getTime() / HOUR) * HOUR;
    const to = Math.ceil(range.to.getTime() / HOUR) * HOUR;
    const key = [
      window.id,
      window.startsAt,
      window.endsAt,
      window.cron,
      window.timeZone ?? '',
      window.until ?? '',
      from,
      to,
    ].join('|');
    const now = this.options.now?.() ?? Date.now();
    let entry = this.entries.get(key);
    if (!entry || entry.expires <= now) {
      entry = {
        occurrences: occurrencesBetween(timing, {
          from: new Date(from),
          to: new Date(to),
        }),
        expires: now + (this.options.ttlMs ?? DEFAULT_TTL_MS),
      };
      this.entries.delete(key);
      if (this.entries.size >= MAX_ENTRIES) {
        this.entries.delete(this.entries.keys().next().value!);
      }
      this.entries.set(key, entry);
    }
    return entry.occurrences.filter(
      o => o.start < range.to && o.end > range.from,
    );
  }
}
