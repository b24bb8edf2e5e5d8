import { MaintenanceWindow } from '../database/MaintenanceWindowsStore';
import { WindowTiming } from './windowOccurrences';

/** A stored window's timing, as windowOccurrences reads it. */
export function timingOf(window: MaintenanceWindow): WindowTiming {
  return {
    startsAt: new Date(window.startsAt),
    endsAt: new Date(window.endsAt),
    cron: window.cron,
    timeZone: window.timeZone,
    until: window.until ? new Date(window.until) : undefined,
  };
}
