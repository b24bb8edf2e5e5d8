/** The last good text of one check location. */
export interface KeptCheckLocation {
  /** The URL of the file. */
  target: string;
  /** What the URL reader returned with the text; absent when it gave none. */
  etag?: string;
  /** The file as read, every check in it valid. */
  text: string;
  /** When it was read. ISO 8601. */
  readAt: string;
}

/**
 * The last good text of each check location, shared by the replicas: the
 * one that re-reads the locations keeps what it read, the others adopt it.
 */
export interface CheckLocationsStore {
  /** The kept copies of these locations; those never kept are left out. */
  getMany(targets: string[]): Promise<KeptCheckLocation[]>;
  /** Keeps this text of its location, replacing the one kept before. */
  keep(location: KeptCheckLocation): Promise<void>;
}
