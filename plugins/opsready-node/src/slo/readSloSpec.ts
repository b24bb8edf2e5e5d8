import { Entity } from '@backstage/catalog-model';
import { parseDocument } from 'yaml';
import { equalIgnoringCase } from '../checks/ignoringCase';
import {
  DEFAULT_WINDOW_DAYS,
  LatencyBound,
  parseAvailability,
  parseLatency,
  parseWindow,
} from './objectiveValues';
import { SloDefaultsRule, SloSpec } from './types';

/**
 * The annotation holding an entity's objectives as a small YAML block.
 *
 * @public
 */
export const SLO_ANNOTATION = 'opsready.io/slo';
/**
 * The single annotations, for those who prefer one value per annotation.
 *
 * @public
 */
export const SLO_AVAILABILITY_ANNOTATION = 'opsready.io/slo-availability';
/** @public */
export const SLO_LATENCY_ANNOTATION = 'opsready.io/slo-latency';
/** @public */
export const SLO_WINDOW_ANNOTATION = 'opsready.io/slo-window';
/** Where an entity names its tier, as an annotation or a label. */
export const TIER_KEY = 'opsready.io/tier';

/**
 * An entity's objectives, and the problems of its declaration: a sentence
 * each, naming the annotation and what is wrong.
 *
 * @public
 */
export interface SloSpecReading {
  spec?: SloSpec;
  problems: string[];
}

/** What an annotation declared, before it is turned into objectives. */
interface Declared {
  availability?: unknown;
  latency?: unknown;
  window?: unknown;
}

const BLOCK_KEYS = ['availability', 'latency', 'window'];

function readBlock(text: string): { declared?: Declared; problems: string[] } {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    const [error] = document.errors;
    const line = error.linePos?.[0].line;
    // The first line of the parser's message; the rest quotes the text.
    const what = error.message.split('\n')[0].replace(/ at line \d+.*$/, '');
    return {
      problems: [
        `${SLO_ANNOTATION} does not parse as YAML${
          line ? ` at line ${line}` : ''
        }: ${what}`,
      ],
    };
  }
  const value: unknown = document.toJS();
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return {
      problems: [
        `${SLO_ANNOTATION} is not a mapping; write e.g. "availability: 99.9%" and "latency: p95 < 200ms" on their own lines`,
      ],
    };
  }
  const unknownKeys = Object.keys(value).filter(k => !BLOCK_KEYS.includes(k));
  if (unknownKeys.length > 0) {
    return {
      problems: [
        `${SLO_ANNOTATION} has unknown keys ${unknownKeys.join(
          ', ',
        )} (it takes ${BLOCK_KEYS.join(', ')})`,
      ],
    };
  }
  return { declared: value as Declared, problems: [] };
}

/**
 * Objectives from what an annotation declared, or the problems, each
 * prefixed by where the value was written.
 */
function objectivesOf(
  declared: Declared,
  where: Record<keyof Declared | 'source', string>,
): SloSpecReading {
  const problems: string[] = [];
  if (declared.availability === undefined && declared.latency === undefined) {
    return {
      problems: [
        `${where.source} declares no objective; declare an availability target (e.g. 99.9%) or a latency objective (e.g. p95 < 200ms)`,
      ],
    };
  }
  let windowDays = DEFAULT_WINDOW_DAYS;
  if (declared.window !== undefined) {
    const window = parseWindow(declared.window);
    if ('problem' in window) {
      problems.push(`${where.window}: ${window.problem}`);
    } else {
      windowDays = window.value;
    }
  }
  let target: number | undefined;
  if (declared.availability !== undefined) {
    const availability = parseAvailability(declared.availability);
    if ('problem' in availability) {
      problems.push(`${where.availability}: ${availability.problem}`);
    } else {
      target = availability.value;
    }
  }
  let latency: LatencyBound | undefined;
  if (declared.latency !== undefined) {
    const parsed = parseLatency(declared.latency);
    if ('problem' in parsed) {
      problems.push(`${where.latency}: ${parsed.problem}`);
    } else {
      latency = parsed.value;
    }
  }
  // A declaration with a mistake yields no objectives at all: judging half
  // of what the owner meant would hide the mistake.
  if (problems.length > 0) {
    return { problems };
  }
  return {
    spec: {
      ...(target !== undefined ? { availability: { target, windowDays } } : {}),
      ...(latency ? { latency: { ...latency, windowDays } } : {}),
      declaredBy: 'annotation',
    },
    problems,
  };
}

/**
 * The entity's tier: the `opsready.io/tier` annotation, else the label.
 *
 * @public
 */
export function tierOf(entity: Entity): string | undefined {
  const tier =
    entity.metadata.annotations?.[TIER_KEY] ??
    entity.metadata.labels?.[TIER_KEY];
  return tier?.trim() || undefined;
}

function matches(expected: string | undefined, actual: unknown): boolean {
  return (
    expected === undefined ||
    (typeof actual === 'string' && equalIgnoringCase(expected, actual.trim()))
  );
}

function fromDefaults(
  entity: Entity,
  defaults: ReadonlyArray<SloDefaultsRule>,
): SloSpec | undefined {
  const tier = tierOf(entity);
  const rule = defaults.find(
    r => matches(r.lifecycle, entity.spec?.lifecycle) && matches(r.tier, tier),
  );
  if (!rule) {
    return undefined;
  }
  return {
    ...(rule.availability ? { availability: { ...rule.availability } } : {}),
    ...(rule.latency ? { latency: { ...rule.latency } } : {}),
    declaredBy: 'defaults',
    defaultsRule: {
      ...(rule.lifecycle !== undefined ? { lifecycle: rule.lifecycle } : {}),
      ...(rule.tier !== undefined ? { tier: rule.tier } : {}),
    },
  };
}

/**
 * An entity's service level objectives, from (in this order) the
 * `opsready.io/slo` YAML block, the single `opsready.io/slo-availability`,
 * `opsready.io/slo-latency` and `opsready.io/slo-window` annotations, or the
 * first of the defaults whose lifecycle and tier (both ignoring case) match
 * the entity. An annotation with a mistake gives problems and no objectives,
 * never the defaults: the owner meant to declare something else.
 *
 * @public
 */
export function readSloSpec(
  entity: Entity,
  defaults: ReadonlyArray<SloDefaultsRule>,
): SloSpecReading {
  const annotations = entity.metadata.annotations ?? {};
  const block = annotations[SLO_ANNOTATION];
  if (block !== undefined) {
    const { declared, problems } = readBlock(block);
    if (!declared) {
      return { problems };
    }
    return objectivesOf(declared, {
      source: SLO_ANNOTATION,
      availability: `${SLO_ANNOTATION} availability`,
      latency: `${SLO_ANNOTATION} latency`,
      window: `${SLO_ANNOTATION} window`,
    });
  }
  const single: Declared = {
    availability: annotations[SLO_AVAILABILITY_ANNOTATION],
    latency: annotations[SLO_LATENCY_ANNOTATION],
    window: annotations[SLO_WINDOW_ANNOTATION],
  };
  if (Object.values(single).some(value => value !== undefined)) {
    return objectivesOf(single, {
      source: `${SLO_WINDOW_ANNOTATION} alone`,
      availability: SLO_AVAILABILITY_ANNOTATION,
      latency: SLO_LATENCY_ANNOTATION,
      window: SLO_WINDOW_ANNOTATION,
    });
  }
  const spec = fromDefaults(entity, defaults);
  return spec ? { spec, problems: [] } : { problems: [] };
}
