import { RollupCheck, RollupFigures } from './figures';

/** The kinds that have a roll-up. */
export const ROLLUP_KINDS = ['group', 'system', 'domain'] as const;

/** A kind that has a roll-up. */
export type RollupKind = (typeof ROLLUP_KINDS)[number];

/** A scorecard as the answers list it. */
export interface ScorecardTitle {
  /** The scorecard's id. */
  id: string;
  /** The scorecard's title. */
  title: string;
}

/** A roll-up's figures, as `GET /rollups` lists them. */
export interface RollupSummary extends RollupFigures {
  /** The group, system or domain. */
  entityRef: string;
  /** Its title, or its name. */
  title: string;
  /** The scorecard's checks failing on the most entities covered. */
  worstChecks: RollupCheck[];
}

/** One step down in a roll-up, with its own figures. */
export interface RollupPart {
  /** The child group, system or entity. */
  entityRef: string;
  /** Its title, or its name. */
  title: string;
  /** Its kind, lowercase. */
  kind: string;
  /** Entities it covers that the scorecard scores. */
  entities: number;
  /** Their average score, or null. */
  averageScore: number | null;
}

/** The roll-up of one group, system or domain. */
export interface Rollup extends RollupSummary {
  /** The scorecard the figures are on. */
  scorecardId: string;
  /** Every scorecard, the first the default. */
  scorecards: ScorecardTitle[];
  /** The scorecard's levels by name, highest first. */
  levels: string[];
  /** Where the figures come from, worst average first, at most 100. */
  breakdown: RollupPart[];
  /** Parts beyond the 100 listed, left out of `breakdown`. */
  moreParts: number;
}

/** A page of roll-ups of one kind. */
export interface RollupsPage {
  /** The kind listed. */
  kind: RollupKind;
  /** The scorecard the figures are on. */
  scorecardId: string;
  /** Every scorecard, the first the default. */
  scorecards: ScorecardTitle[];
  /** How many roll-ups of the kind the caller may see. */
  total: number;
  /** This page, worst average first. */
  items: RollupSummary[];
  /** Where the next page starts, when there is one. */
  nextCursor?: string;
}
