import { Exemption } from '@opsready/plugin-opsready-common';

export interface NewExemption {
  entityRef: string;
  checkId: string;
  reason: string;
  expiresAt: Date;
  createdBy: string;
  /** Granted outright by someone allowed to, or asked for. */
  status: 'granted' | 'requested';
}

/** What someone allowed to manage exemptions decided about a request. */
export interface ExemptionDecision {
  status: 'granted' | 'declined';
  by: string;
  note?: string;
  at: Date;
}

/** Where exemptions from checks, and requests for them, are kept. */
export interface ExemptionsStore {
  createExemption(exemption: NewExemption): Promise<Exemption>;
  getExemption(id: string): Promise<Exemption | undefined>;
  /** Every exemption of the entity, newest first, active or not. */
  listExemptions(entityRef: string): Promise<Exemption[]>;
  /** Exemptions in force at `now`: granted, not revoked, not expired. */
  activeExemptions(entityRef: string, now: Date): Promise<Exemption[]>;
  /**
   * The exemptions in force at `now` of these entities, by entity ref, in a
   * few queries however many there are; entities with none are not in the
   * map.
   */
  activeExemptionsOf(
    entityRefs: string[],
    now: Date,
  ): Promise<Map<string, Exemption[]>>;
  /** Requests that wait for a decision and have not expired, newest first. */
  pendingExemptionRequests(entityRef: string, now: Date): Promise<Exemption[]>;
  /**
   * Decides a request that still waits; returns the exemption as decided,
   * or undefined when it was not waiting (decided already, or revoked).
   */
  decideExemption(
    id: string,
    decision: ExemptionDecision,
  ): Promise<Exemption | undefined>;
  revokeExemption(id: string, revokedBy: string, at: Date): Promise<void>;
  /**
   * Granted exemptions of every entity, not revoked, expiring in
   * (from, to], soonest first, at most `limit`. An exemption that another
   * granted, unrevoked exemption of the same entity and check outlasts (it
   * was renewed) is left out: nothing changes when it ends.
   */
  expiringExemptions(
    range: { from: Date; to: Date },
    limit: number,
  ): Promise<Exemption[]>;
  /** Removes every exemption of these entities, in force or not. */
  deleteEntities(entityRefs: string[]): Promise<void>;
}
