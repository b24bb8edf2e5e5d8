/*
 * Campaigns as the API gives them: a goal the fleet is asked to reach by a
 * deadline, and its progress, from the types generated from openapi.yaml.
 */
import type { components } from './generated/openapi';

/**
 * What every entity in a campaign's scope must reach: checks that pass (or
 * do not apply), a minimum level, or both.
 *
 * @public
 */
export type CampaignGoal = components['schemas']['CampaignGoal'];

/**
 * Which entities a campaign asks. Each field lists alternatives; the fields
 * all apply. An empty scope is every entity OpsReady evaluates.
 *
 * @public
 */
export type CampaignScope = components['schemas']['CampaignScope'];

/** What launches a campaign (`POST /campaigns`). @public */
export type CampaignInput = components['schemas']['CampaignInput'];

/** An edit of a campaign, or a pause, resume or end with `state`. @public */
export type CampaignPatch = components['schemas']['CampaignPatch'];

/**
 * `scheduled` before its start, `active` while running, `paused` (no
 * reminders, no enforcement), `ended` (by hand, or once done).
 *
 * @public
 */
export type CampaignState = components['schemas']['CampaignState'];

/** A campaign as launched and since edited. @public */
export type Campaign = components['schemas']['Campaign'];

/** How many entities in scope are done, exempt and open. @public */
export type CampaignFigures = components['schemas']['CampaignFigures'];

/** The projected completion at the recent rate, and whether it is at risk. @public */
export type CampaignProjection = components['schemas']['CampaignProjection'];

/** A campaign with its figures and projection, as listed. @public */
export type CampaignSummary = components['schemas']['CampaignSummary'];

/** A saved campaign and the warnings to show (e.g. an empty scope). @public */
export type CampaignSaved = components['schemas']['CampaignSaved'];

/** What a campaign would cover, before it is saved. @public */
export type CampaignPreview = components['schemas']['CampaignPreview'];

/** One entry of a campaign's history. @public */
export type CampaignChange = components['schemas']['CampaignChange'];

/** One day of a campaign's burn-up. @public */
export type BurnUpPoint = components['schemas']['BurnUpPoint'];

/** A team's figures in a campaign. @public */
export type CampaignTeam = components['schemas']['CampaignTeam'];

/** A campaign's burn-up, teams and projection. @public */
export type CampaignProgress = components['schemas']['CampaignProgress'];

/** One thing an entity still needs for a campaign. @public */
export type CampaignItem = components['schemas']['CampaignItem'];

/** Where an entity stands in a campaign: done, open or exempt. @public */
export type CampaignEntityStatus =
  components['schemas']['CampaignEntityStatus'];

/** An entity in a campaign's scope, with what it still needs. @public */
export type CampaignEntity = components['schemas']['CampaignEntity'];

/** A campaign as seen from one of the entities it asks. @public */
export type EntityCampaign = components['schemas']['EntityCampaign'];

/** A team's open items of one campaign. @public */
export type TeamCampaignItems = components['schemas']['TeamCampaignItems'];
