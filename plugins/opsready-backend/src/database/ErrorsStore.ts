import {
  ErrorCategory,
  ServiceError,
  ServiceErrorInput,
  ErrorSeriesPoint,
  ErrorSeverity,
  ErrorStatus,
} from '@opsready/plugin-opsready-common';
import { Page, PageRequest, UpsertOutcome } from './types';

/** Error events per hour and severity, and the environments they came from. */
export interface ErrorSeries {
  items: ErrorSeriesPoint[];
  environments: string[];
}

export interface ErrorFilter {
  environment?: string;
  severity?: ErrorSeverity;
  category?: ErrorCategory;
  status?: ErrorStatus;
  /** Errors seen at some time in [from, to]. */
  from?: Date;
  to?: Date;
}

/** An error input with its entity ref normalized and fingerprint decided. */
export type NormalizedErrorInput = ServiceErrorInput & { fingerprint: string };

/** An error without its long texts. */
export type ErrorSummary = Omit<
  ServiceError,
  'stackTrace' | 'userImpact' | 'businessImpact' | 'resolutionNotes'
>;

/** An open error group as a notification of it counts it. */
export interface ErrorGroupTally {
  /** The group's latest error. */
  errorId: string;
  environment: string;
  severity: ErrorSeverity;
  message: string;
  lastSeenAt: string;
  /** Sightings of every open error of the group. */
  occurrences: number;
}

/**
 * A problem left open: the open errors of one entity with one fingerprint,
 * shown by the latest of them.
 */
export interface OpenErrorGroup {
  entityRef: string;
  fingerprint: string;
  /** The latest open error of the group. */
  errorId: string;
  environment: string;
  message: string;
  /** When the oldest open error of the group started. */
  openedAt: string;
}

/** Where error events are kept. */
export interface ErrorsStore {
  /**
   * Writes a batch: an input naming a known `source` + `externalId`
   * updates that row, any other makes a new one; a later sighting of a
   * known error counts once more. The new rows go in at once, the updates
   * in one transaction (see upsertBySourceKey).
   */
  upsertErrors(
    inputs: NormalizedErrorInput[],
    now: Date,
  ): Promise<UpsertOutcome<NormalizedErrorInput>>;

  getError(id: string): Promise<ServiceError | undefined>;
  listErrors(
    entityRef: string,
    filter: ErrorFilter,
    page: PageRequest,
  ): Promise<Page<ServiceError>>;
  /** One item per fingerprint, latest sighting first (see ServiceError). */
  listErrorGroups(
    entityRef: string,
    filter: ErrorFilter,
    page: PageRequest,
  ): Promise<Page<ServiceError>>;
  /**
   * Error events that started in the range, counted per hour (UTC) and
   * severity, oldest hour first (hours without one are left out), and the
   * environments they came from.
   */
  errorCountsByHour(
    entityRef: string,
    filter: { environment?: string; from: Date; to: Date },
  ): Promise<ErrorSeries>;
  /** Errors of one environment seen in the range, oldest first, without their long texts. */
  errorsBetween(
    entityRef: string,
    environment: string | undefined,
    range: { from: Date; to: Date },
  ): Promise<ErrorSummary[]>;
  /**
   * Errors that started in the range, latest first, at most `limit`;
   * without their long texts (stack trace, impacts, resolution notes),
   * which a timeline does not show.
   */
  errorsStartedBetween(
    entityRef: string,
    range: { from: Date; to: Date },
    limit: number,
  ): Promise<ErrorSummary[]>;
  /**
   * Resolves the error and every open error of its entity with the same
   * fingerprint (they are one problem); returns how many it resolved.
   */
  resolveError(
    id: string,
    resolution: { by: string; notes?: string; at: Date },
  ): Promise<number>;
  listOpenErrors(
    source: string,
  ): Promise<Array<{ entityRef: string; externalId: string }>>;
  /**
   * The open groups among these (entity, fingerprint) pairs: their latest
   * error and how many times the group was seen, by `entityRef|fingerprint`.
   */
  openGroups(
    keys: Array<{ entityRef: string; fingerprint: string }>,
  ): Promise<Map<string, ErrorGroupTally>>;

  /**
   * Open error groups of every entity at this severity whose oldest open
   * error started before `openedBefore`, oldest first, at most `limit`:
   * the groups the check "No stale critical errors" finds stale.
   */
  openErrorGroupsBefore(
    severity: ErrorSeverity,
    openedBefore: Date,
    limit: number,
  ): Promise<OpenErrorGroup[]>;

  /** Deletes errors last seen before `before`, in batches; returns how many. */
  deleteOlderThan(before: Date, batchSize?: number): Promise<number>;
}
