/*
 * The contracts between the campaign store, the tracker that keeps progress,
 * the service behind the API, and the notices.
 */
import type { Entity } from '@backstage/catalog-model';
import type {
  BurnUpPoint,
  Campaign,
  CampaignChange,
  CampaignEntity,
  CampaignFigures,
  CampaignProgress,
  CampaignSummary,
  CampaignTeam,
  CheckStatus,
  EntityCampaign,
  TeamCampaignItems,
} from '@opsready/plugin-opsready-common';
import type { StoredEvaluation } from '../database/EvaluationsStore';

/**
 * The states a campaign is stored in. `scheduled` is not one: an active
 * campaign whose start is still ahead is shown as scheduled.
 */
export type StoredCampaignState = 'active' | 'paused' | 'ended';

/** A campaign as stored; times are ISO 8601 strings, as the API has them. */
export type StoredCampaign = Omit<Campaign, 'state'> & {
  state: StoredCampaignState;
  /** When progress was last computed; absent until the first time. */
  computedAt?: string;
};

/** An entity's standing in a campaign, as kept between computations. */
export type CampaignEntityRow = CampaignEntity;

/** A change of one check's status for one entity, from the result history. */
export interface CheckStatusChange {
  entityRef: string;
  checkId: string;
  status: CheckStatus;
  message: string;
  changedAt: Date;
}

/** A change of an entity's level, from the score history. */
export interface LevelChange {
  entityRef: string;
  level: string | null;
  changedAt: Date;
}

/** When an exemption of an entity from a check was in force. */
export interface ExemptionSpan {
  entityRef: string;
  checkId: string;
  from: Date;
  /** Expired or revoked; the earlier of the two. */
  until: Date;
}

/**
 * What the evaluation history says of a set of entities: enough to replay a
 * campaign's burn-up from any start date.
 */
export interface CampaignHistory {
  checkChanges: CheckStatusChange[];
  levelChanges: LevelChange[];
  exemptions: ExemptionSpan[];
}

/** Where campaigns, their history and their progress are kept. */
export interface CampaignsStore {
  /** Stores a new campaign with its first history entry (`launched`). */
  createCampaign(
    campaign: StoredCampaign,
    change: CampaignChange,
  ): Promise<void>;
  /** Replaces the campaign's fields and appends the change, in one transaction. */
  updateCampaign(
    campaign: StoredCampaign,
    change: CampaignChange,
  ): Promise<void>;
  getCampaign(id: string): Promise<StoredCampaign | undefined>;
  /**
   * Campaigns, not ended first, then by deadline (soonest first), then id;
   * `cursor` is the previous page's `nextCursor`.
   */
  listCampaigns(options: {
    states?: StoredCampaignState[];
    cursor?: string;
    limit: number;
  }): Promise<{ items: StoredCampaign[]; nextCursor?: string }>;
  /** The campaign's history, newest first. */
  getHistory(campaignId: string): Promise<CampaignChange[]>;
  /** Sets when progress was last computed (and completedAt when given). */
  markComputed(
    campaignId: string,
    at: Date,
    completedAt?: Date | null,
  ): Promise<void>;

  /**
   * Makes these rows the campaign's whole membership: rows of entities not
   * in `rows` are removed. A row whose status did not change keeps its
   * `since`.
   */
  replaceEntities(campaignId: string, rows: CampaignEntityRow[]): Promise<void>;
  /**
   * Writes these rows and removes the rows of `removed` entities, leaving the
   * others alone. A row whose status did not change keeps its `since`.
   */
  upsertEntities(
    campaignId: string,
    rows: CampaignEntityRow[],
    removed: string[],
  ): Promise<void>;
  /** Open first, then exempt, then done; within each by entity ref. */
  listEntities(
    campaignId: string,
    filter: { status?: CampaignEntity['status']; owner?: string },
    page: { cursor?: string; limit: number },
  ): Promise<{
    items: CampaignEntityRow[];
    totalItems: number;
    nextCursor?: string;
  }>;
  /** The entity's rows in every campaign, by campaign id. */
  getEntityRows(entityRef: string): Promise<Map<string, CampaignEntityRow>>;
  /** The open rows of an owner in these campaigns, by campaign id. */
  getOpenRowsOfOwner(
    owner: string,
    campaignIds: string[],
  ): Promise<Map<string, CampaignEntityRow[]>>;
  /** Figures of each campaign now, from its rows (zeros if it has none). */
  getFigures(campaignIds: string[]): Promise<Map<string, CampaignFigures>>;
  /** The campaign's figures per owner, most open first, then by owner. */
  getTeams(campaignId: string): Promise<CampaignTeam[]>;

  /** Writes the day's point of the burn-up, replacing one already there. */
  recordDay(campaignId: string, point: BurnUpPoint): Promise<void>;
  /** Replaces every point of the burn-up (a baseline replayed from history). */
  replaceDays(campaignId: string, points: BurnUpPoint[]): Promise<void>;
  /** The burn-up, oldest day first. */
  getBurnUp(campaignId: string): Promise<BurnUpPoint[]>;

  /**
   * The evaluation history of these entities for these checks (and their
   * levels, and exemptions from these checks), up to `until`; the state at
   * any day is the last change on or before it.
   */
  readHistory(
    entityRefs: string[],
    checkIds: string[],
    until: Date,
  ): Promise<CampaignHistory>;
}

/** An entity just evaluated, with the checks it is exempt from now. */
export interface EvaluatedEntity {
  entity: Entity;
  evaluation: StoredEvaluation;
  exemptCheckIds: ReadonlySet<string>;
}

/** Told of every batch of evaluations once they are stored. */
export type EvaluationListener = (batch: EvaluatedEntity[]) => Promise<void>;

/**
 * What can be read of campaigns, for the API's reads and for automation
 * (the actions registry). No permission is checked here: reading a
 * campaign needs none, and entity reads are checked by the caller.
 */
export interface CampaignReads {
  list(options: {
    state?: CampaignSummary['state'];
    cursor?: string;
    limit: number;
  }): Promise<{ items: CampaignSummary[]; nextCursor?: string }>;
  /** 404 (NotFoundError) when there is no such campaign. */
  get(id: string): Promise<CampaignSummary>;
  getHistory(id: string): Promise<CampaignChange[]>;
  getProgress(id: string): Promise<CampaignProgress>;
  listEntities(
    id: string,
    filter: { status?: CampaignEntity['status']; owner?: string },
    page: { cursor?: string; limit: number },
  ): Promise<{
    items: CampaignEntity[];
    totalItems: number;
    nextCursor?: string;
  }>;
  /** The campaign's status as CSV, one row per entity in scope. */
  exportCsv(id: string): Promise<string>;
  /** Running and paused campaigns whose scope has the entity. */
  getEntityCampaigns(entityRef: string): Promise<EntityCampaign[]>;
  /** An owner's entities with items left, by running campaign. */
  getTeamItems(owner: string): Promise<TeamCampaignItems[]>;
  /**
   * Enforced campaigns past their deadline (not paused, not ended) in which
   * the entity still has items left; exempt entities have none.
   */
  getGateBlocks(entityRef: string, now: Date): Promise<CampaignGateBlock[]>;
}

/** An enforced campaign that fails the gate for an entity. */
export interface CampaignGateBlock {
  id: string;
  name: string;
  deadline: string;
  /** e.g. "Campaign 'PDBs everywhere' was due 2026-12-01: Has a PodDisruptionBudget" */
  reason: string;
}
