import type { MaintenanceWindow } from '@opsready/plugin-opsready-common';

/**
 * A maintenance window as stored is the API's (times ISO 8601; `targetRef`
 * the entity or System it is on; no `environment`: every environment;
 * `cron`, `timeZone` and `until` for a recurring one).
 */
export type { MaintenanceWindow };

/** Who opened a window: a person (or a script) through the API, or a deployment. */
export type MaintenanceWindowSource = MaintenanceWindow['source'];

export interface NewMaintenanceWindow {
  targetRef: string;
  environment?: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  cron?: string;
  timeZone?: string;
  until?: Date;
  createdBy: string;
  source: MaintenanceWindowSource;
  deploymentId?: string;
}

/** Where maintenance windows are kept. */
export interface MaintenanceWindowsStore {
  createWindow(window: NewMaintenanceWindow): Promise<MaintenanceWindow>;
  getWindow(id: string): Promise<MaintenanceWindow | undefined>;
  /**
   * The windows on any of `targetRefs` that may be in force at some time in
   * [from, to): one-off windows that overlap it, and recurring ones begun
   * before `to` whose last occurrence may still reach `from`. Oldest first.
   */
  windowsOverlapping(
    targetRefs: string[],
    range: { from: Date; to: Date },
  ): Promise<MaintenanceWindow[]>;
  /**
   * Whether any window on a System may be in force at some time in the
   * range: when none is, an entity's system need not be looked up.
   */
  systemWindowsOverlap(range: { from: Date; to: Date }): Promise<boolean>;
  /** Removes the window; false when there was none. */
  deleteWindow(id: string): Promise<boolean>;
  /** The window a deployment opened on the target, if any. */
  deploymentWindow(
    targetRef: string,
    deploymentId: string,
  ): Promise<MaintenanceWindow | undefined>;
  /**
   * Ends the windows a deployment opened at `at`, where they would end
   * later (never before they start); returns how many changed.
   */
  endDeploymentWindows(deploymentId: string, at: Date): Promise<number>;
}
