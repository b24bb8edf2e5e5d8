import { allOf, anyOf, notOf } from './combinators';
import { CompiledCondition } from './compiled';
import {
  compileAnnotationCondition,
  compileEntityCondition,
} from './entityConditions';
import {
  compileDeliveryCondition,
  compileHealthCondition,
} from './figureConditions';
import { compileFileCondition } from './fileCondition';
import { compileKubernetesCondition } from './kubernetesCondition';
import { DeclarativeCondition, declarativeLimits } from './types';

const KINDS = [
  'entity',
  'annotation',
  'file',
  'kubernetes',
  'health',
  'delivery',
  'all',
  'any',
  'not',
] as const;

/** Conditions compiled so far in one check, against the cap. */
interface Budget {
  conditions: number;
}

/**
 * Compiles a condition tree once, at start-up. Every mistake throws naming
 * the full key of what is wrong, e.g. `…condition.all[1].file.matches`.
 */
export function compileCondition(
  condition: DeclarativeCondition,
  key: string,
  budget: Budget = { conditions: 0 },
  depth = 0,
): CompiledCondition {
  if (
    typeof condition !== 'object' ||
    condition === null ||
    Array.isArray(condition)
  ) {
    throw new Error(`${key} must be an object with one of ${KINDS.join(', ')}`);
  }
  const given = Object.keys(condition);
  if (given.length !== 1 || !(KINDS as readonly string[]).includes(given[0])) {
    throw new Error(
      `${key} must have exactly one of ${KINDS.join(', ')}, got ${
        given.join(', ') || 'none'
      }`,
    );
  }
  budget.conditions += 1;
  if (budget.conditions > declarativeLimits.conditions) {
    throw new Error(
      `${key}: a check may hold at most ${declarativeLimits.conditions} conditions`,
    );
  }
  if (depth > declarativeLimits.depth) {
    throw new Error(
      `${key}: conditions may nest at most ${declarativeLimits.depth} deep`,
    );
  }
  const kind = given[0] as (typeof KINDS)[number];
  const spec = (condition as Record<string, any>)[kind];
  const at = `${key}.${kind}`;
  const nested = (list: unknown): CompiledCondition[] => {
    if (!Array.isArray(list) || list.length === 0) {
      throw new Error(`${at} must be a non-empty list of conditions`);
    }
    return list.map((part, i) =>
      compileCondition(part, `${at}[${i}]`, budget, depth + 1),
    );
  };
  if (kind === 'all') return allOf(nested(spec));
  if (kind === 'any') return anyOf(nested(spec));
  if (kind === 'not')
    return notOf(compileCondition(spec, at, budget, depth + 1));
  if (typeof spec !== 'object' || spec === null) {
    throw new Error(`${at} must be an object`);
  }
  switch (kind) {
    case 'entity':
      return compileEntityCondition(spec, at);
    case 'annotation':
      return compileAnnotationCondition(spec, at);
    case 'file':
      return compileFileCondition(spec, at);
    case 'kubernetes':
      return compileKubernetesCondition(spec, at);
    case 'health':
      return compileHealthCondition(spec, at);
    default:
      return compileDeliveryCondition(spec, at);
  }
}
