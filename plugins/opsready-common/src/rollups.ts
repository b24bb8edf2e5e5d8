/*
 * Roll-ups: the scores of the entities a group (all the way down), a system
 * or a domain covers, on one scorecard.
 */
import type { ApiQuery, ApiResponse } from './api';
import type { components } from './generated/openapi';

/**
 * The roll-up of one group, system or domain: its figures, its worst
 * checks and where its score comes from, one step down.
 *
 * @public
 */
export type Rollup = components['schemas']['Rollup'];

/** A roll-up's figures, as `GET /rollups` lists them. @public */
export type RollupSummary = components['schemas']['RollupSummary'];

/** One step down in a roll-up's breakdown. @public */
export type RollupPart = components['schemas']['RollupPart'];

/** A check failing on entities a roll-up covers. @public */
export type RollupCheck = components['schemas']['RollupCheck'];

/** A page of roll-ups of one kind, worst average first. @public */
export type RollupsPage = ApiResponse<'/rollups'>;

/** Which roll-ups `GET /rollups` lists. @public */
export type RollupsQuery = ApiQuery<'/rollups'>;
