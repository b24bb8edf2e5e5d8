/*
 * Campaigns as the API gives them: a goal the fleet is asked to reach by a
 * deadline, and its progress, from the types generated from openapi.yaml.
 */
import type { components } from './generated/openapi';

type Schemas = components['schemas'];

/**
 * What every entity in a campaign's scope must reach: checks that pass (or
 * do not apply), a minimum level, or both.
 *
 * @public
 */
export type CampaignGoal = Schemas['CampaignGoal'];

/**
 * Which entities a campaign asks. Each field lists alternatives; the fields
 * all apply. An empty scope is every entity OpsReady evaluates.
 *
 * @public
 */
export type CampaignScope = Schemas['CampaignScope'];

/** @public */
export type CampaignInput = Schemas['CampaignInput'];

/** @public */
export type CampaignPatch = Schemas['CampaignPatch'];

/**
 * `scheduled` before its start, `active` while running, `paused` (no
 * reminders, no enforcement), `ended` (by hand, or once done).
 *
 * @public
 */
export type CampaignState = Schemas['CampaignState'];

/** @public */
export type Campaign = Schemas['Campaign'];

/** How many entities in scope are done, exempt and open. @public */
export type CampaignFigures = Schemas['CampaignFigures'];

/** The projected completion at the recent rate, and whether it is at risk. @public */
export type CampaignProjection = Schemas['CampaignProjection'];

/** A campaign with its figures and projection, as listed. @public */
export type CampaignSummary = Schemas['CampaignSummary'];

/** A saved campaign and the warnings to show (e.g. an empty scope). @public */
export type CampaignSaved = Schemas['CampaignSaved'];

/** What a campaign would cover, before it is saved. @public */
export type CampaignPreview = Schemas['CampaignPreview'];

/** One entry of a campaign's history. @public */
export type CampaignChange = Schemas['CampaignChange'];

/** One day of a campaign's burn-up. @public */
export type BurnUpPoint = Schemas['BurnUpPoint'];

/** A team's figures in a campaign. @public */
export type CampaignTeam = Schemas['CampaignTeam'];

/** A campaign's burn-up, teams and projection. @public */
export type CampaignProgress = Schemas['CampaignProgress'];

/** One thing an entity still needs for a campaign. @public */
export type CampaignItem = Schemas['CampaignItem'];

/** @public */
export type CampaignEntityStatus = Schemas['CampaignEntityStatus'];

/** An entity in a campaign's scope, with what it still needs. @public */
export type CampaignEntity = Schemas['CampaignEntity'];

/** A campaign as seen from one of the entities it asks. @public */
export type EntityCampaign = Schemas['EntityCampaign'];

/** A team's open items of one campaign. @public */
export type TeamCampaignItems = Schemas['TeamCampaignItems'];
