/*
 * The rows of the campaign tables and how they map to the store's types.
 * Times go in as Dates (SQLite then keeps epoch milliseconds, which compare
 * with the Dates of a query) and come out as ISO strings.
 */
import type {
  BurnUpPoint,
  CampaignChange,
  CampaignEntityStatus,
  CampaignItem,
} from '@opsready/plugin-opsready-common';
import type {
  CampaignEntityRow,
  StoredCampaign,
  StoredCampaignState,
} from '../campaigns/types';
import {
  dateOrNull,
  DbBoolean,
  DbNumber,
  DbTime,
  iso,
  optionalIso,
} from './dbValues';

export const CAMPAIGNS = 'opsready_campaigns';
export const HISTORY = 'opsready_campaign_history';
export const ENTITIES = 'opsready_campaign_entities';
export const DAYS = 'opsready_campaign_days';

/** A row of `opsready_campaigns`. */
export interface CampaignRow {
  id: string;
  name: string;
  description: string;
  rationale: string;
  goal: string;
  scope: string;
  starts_at: DbTime;
  deadline: DbTime;
  owner: string;
  enforce: DbBoolean;
  state: StoredCampaignState;
  created_by: string;
  created_at: DbTime;
  updated_at: DbTime;
  completed_at: DbTime | null;
  ended_at: DbTime | null;
  computed_at: DbTime | null;
}

export function toCampaignRow(campaign: StoredCampaign): CampaignRow {
  return {
    id: campaign.id,
    name: campaign.name,
    description: campaign.description,
    rationale: campaign.rationale,
    goal: JSON.stringify(campaign.goal),
    scope: JSON.stringify(campaign.scope),
    starts_at: new Date(campaign.startsAt),
    deadline: new Date(campaign.deadline),
    owner: campaign.owner,
    enforce: campaign.enforce,
    state: campaign.state,
    created_by: campaign.createdBy,
    created_at: new Date(campaign.createdAt),
    updated_at: new Date(campaign.updatedAt),
    completed_at: dateOrNull(campaign.completedAt),
    ended_at: dateOrNull(campaign.endedAt),
    computed_at: dateOrNull(campaign.computedAt),
  };
}

export function toStoredCampaign(row: CampaignRow): StoredCampaign {
  const completedAt = optionalIso(row.completed_at);
  const endedAt = optionalIso(row.ended_at);
  const computedAt = optionalIso(row.computed_at);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    rationale: row.rationale,
    goal: JSON.parse(row.goal),
    scope: JSON.parse(row.scope),
    startsAt: iso(row.starts_at),
    deadline: iso(row.deadline),
    owner: row.owner,
    enforce: Boolean(row.enforce),
    state: row.state,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...(completedAt ? { completedAt } : {}),
    ...(endedAt ? { endedAt } : {}),
    ...(computedAt ? { computedAt } : {}),
  };
}

/** A row of `opsready_campaign_history`. */
export interface HistoryRow {
  id?: number | string;
  campaign_id: string;
  action: CampaignChange['action'];
  changed_by: string;
  changed_at: DbTime;
  changes: string;
  note: string | null;
}

export const toHistoryRow = (
  campaignId: string,
  change: CampaignChange,
): HistoryRow => ({
  campaign_id: campaignId,
  action: change.action,
  changed_by: change.by,
  changed_at: new Date(change.at),
  changes: JSON.stringify(change.changes),
  note: change.note ?? null,
});

export const toChange = (row: HistoryRow): CampaignChange => ({
  action: row.action,
  by: row.changed_by,
  at: iso(row.changed_at),
  changes: JSON.parse(row.changes),
  ...(row.note !== null ? { note: row.note } : {}),
});

/** A row of `opsready_campaign_entities`. */
export interface EntityRow {
  campaign_id: string;
  entity_ref: string;
  owner: string | null;
  status: CampaignEntityStatus;
  items: string;
  since: DbTime;
}

export const toEntityRow = (
  campaignId: string,
  row: CampaignEntityRow,
): EntityRow => ({
  campaign_id: campaignId,
  entity_ref: row.entityRef,
  owner: row.owner,
  status: row.status,
  items: JSON.stringify(row.items),
  since: new Date(row.since),
});

export const toCampaignEntity = (row: EntityRow): CampaignEntityRow => ({
  entityRef: row.entity_ref,
  owner: row.owner,
  status: row.status,
  items: JSON.parse(row.items) as CampaignItem[],
  since: iso(row.since),
});

/** A row of `opsready_campaign_days`. */
export interface DayRow {
  campaign_id: string;
  day: string;
  total: DbNumber;
  done: DbNumber;
  exempt: DbNumber;
}

export const toDayRow = (campaignId: string, point: BurnUpPoint): DayRow => ({
  campaign_id: campaignId,
  day: point.day,
  total: point.total,
  done: point.done,
  exempt: point.exempt,
});

export const toPoint = (row: DayRow): BurnUpPoint => ({
  day: row.day,
  total: Number(row.total),
  done: Number(row.done),
  exempt: Number(row.exempt),
});
