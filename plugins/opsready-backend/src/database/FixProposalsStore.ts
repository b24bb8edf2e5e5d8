import { FixProposal } from '@opsready/plugin-opsready-common';

/** A proposed change to record, for one check of one entity. */
export interface NewFixProposal {
  /** Normalized entity ref. */
  entityRef: string;
  checkId: string;
  url: string;
  title?: string;
  branch?: string;
  /** The user entity ref or service subject that recorded it. */
  createdBy: string;
  createdAt: Date;
}

/** Changes proposed to fix entities' checks, one per entity and check. */
export interface FixProposalsStore {
  /**
   * Records the proposals; where the entity's check already has one, the
   * new one replaces it (latest wins). Gives them back as stored.
   */
  saveProposals(proposals: NewFixProposal[]): Promise<FixProposal[]>;
  /** The proposals of these entities, newest first. */
  proposalsOf(entityRefs: string[]): Promise<FixProposal[]>;
  /** Deletes these proposals; gives how many there were. */
  deleteProposals(ids: string[]): Promise<number>;
}
