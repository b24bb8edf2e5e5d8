import { CheckContext, ServiceFacts } from '../checks/types';

/** A condition's verdict: three-valued, as a missing source is not a pass. */
export type Verdict = 'pass' | 'fail' | 'unknown';

/** What one condition looked at and what it found, for the evidence. */
export interface Observation {
  condition: string;
  status: Verdict;
  /** Why it could not be judged, when `unknown`. */
  reason?: string;
  [key: string]: unknown;
}

export interface Judgement {
  status: Verdict;
  observations: Observation[];
}

/** A condition compiled once at start-up: patterns and paths already parsed. */
export interface CompiledCondition {
  /** The condition in words, e.g. `file Dockerfile matches /^USER\s/`. */
  describe: string;
  judge(facts: ServiceFacts, context: CheckContext): Judgement;
}

/** A leaf's judgement with a single observation. */
export function observed(
  describe: string,
  status: Verdict,
  details: Record<string, unknown>,
): Judgement {
  return {
    status,
    observations: [{ condition: describe, status, ...details }],
  };
}

export function unknownBecause(describe: string, reason: string): Judgement {
  return observed(describe, 'unknown', { reason });
}

const SHOWN_CHARS = 200;

/** A value as evidence shows it: scalars as they are, the rest cut short. */
export function shown(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length > SHOWN_CHARS
      ? `${value.slice(0, SHOWN_CHARS)}…`
      : value;
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const text = JSON.stringify(value);
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : value;
}
