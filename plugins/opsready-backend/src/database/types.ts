/** A page of a list, newest first, and where the next one starts. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** What one batch write did. */
export interface UpsertOutcome<T> {
  /** Inputs that made a new row. */
  stored: number;
  /** Inputs that changed a row they named; a redelivery that changes nothing is neither. */
  updated: number;
  /** The inputs stored or updated, the ones whose environments need correlating again. */
  written: T[];
}
