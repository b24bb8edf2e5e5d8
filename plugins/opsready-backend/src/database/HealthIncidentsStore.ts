/** An endpoint down, as an incident counts it. */
export interface IncidentMember {
  entityRef: string;
  environment: string;
  url: string;
  downSince: string;
}

/**
 * One root cause down in one environment, and the endpoints down because
 * of it (the root's own among them): the unit health notifications are
 * sent for, so that a shared dependency going down tells each owner once.
 */
export interface HealthIncident {
  id: string;
  rootRef: string;
  environment: string;
  openedAt: string;
  resolvedAt?: string;
  members: IncidentMember[];
}

/** The suppression state: which incidents are open, and who is in them. */
export interface HealthIncidentsStore {
  /** The open incidents these endpoints are members of, by `ref|environment`. */
  openIncidentsOf(
    endpoints: Array<{ entityRef: string; environment: string }>,
  ): Promise<Map<string, HealthIncident>>;
  /** The open incident of each root cause, by `ref|environment`. */
  openIncidentsByRoot(
    roots: Array<{ rootRef: string; environment: string }>,
  ): Promise<Map<string, HealthIncident>>;
  /** Opens an incident for a root cause with its first members. */
  open(
    root: { rootRef: string; environment: string; openedAt: Date },
    members: IncidentMember[],
  ): Promise<HealthIncident>;
  /**
   * Opens an incident for each of many root causes (at most one each), in
   * one transaction; the incidents come back in the order asked.
   */
  openMany(
    openings: Array<{
      rootRef: string;
      environment: string;
      openedAt: Date;
      members: IncidentMember[];
    }>,
  ): Promise<HealthIncident[]>;
  /** Adds members to an open incident (a member already there is kept). */
  addMembers(incidentId: string, members: IncidentMember[]): Promise<void>;
  /** Takes endpoints out of whatever open incident they are in. */
  removeMembers(
    endpoints: Array<{ entityRef: string; environment: string }>,
  ): Promise<void>;
  /** Resolves an incident; its members leave it. */
  resolve(incidentId: string, at: Date): Promise<void>;
  /** Resolves many incidents, each at its time, in one transaction. */
  resolveMany(
    resolutions: Array<{ incidentId: string; at: Date }>,
  ): Promise<void>;
  get(incidentId: string): Promise<HealthIncident | undefined>;
  /** Open incidents opened before `before`, oldest first, at most `limit`. */
  openBefore(before: Date, limit: number): Promise<HealthIncident[]>;
}

/** The key incidents are looked up by. */
export const endpointKey = (entityRef: string, environment: string) =>
  `${entityRef}|${environment}`;
