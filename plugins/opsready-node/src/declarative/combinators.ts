import { CompiledCondition, Judgement, Observation } from './compiled';

/*
 * Three-valued, as the checks answer: `all` fails on any failure, else is
 * unknown if any part is; `any` passes on any pass, else is unknown if any
 * part is; `not` swaps pass and fail and keeps unknown. Each stops at the
 * first part that decides it.
 */

export function allOf(parts: CompiledCondition[]): CompiledCondition {
  return decidedBy('all', 'fail', 'pass', parts);
}

export function anyOf(parts: CompiledCondition[]): CompiledCondition {
  return decidedBy('any', 'pass', 'fail', parts);
}

/**
 * `all` and `any` are duals: the first part that answers `decisive`
 * decides; otherwise unknown if any part was, else `otherwise`.
 */
function decidedBy(
  name: 'all' | 'any',
  decisive: 'pass' | 'fail',
  otherwise: 'pass' | 'fail',
  parts: CompiledCondition[],
): CompiledCondition {
  return {
    describe: `${name} of (${parts.map(p => p.describe).join('; ')})`,
    judge: (facts, context): Judgement => {
      const observations: Observation[] = [];
      let unknown = false;
      for (const part of parts) {
        const judged = part.judge(facts, context);
        push(observations, judged);
        if (judged.status === decisive) {
          return { status: decisive, observations };
        }
        if (judged.status === 'unknown') unknown = true;
      }
      return { status: unknown ? 'unknown' : otherwise, observations };
    },
  };
}

export function notOf(part: CompiledCondition): CompiledCondition {
  return {
    describe: `not (${part.describe})`,
    judge: (facts, context): Judgement => {
      const judged = part.judge(facts, context);
      let status = judged.status;
      if (status === 'pass') status = 'fail';
      else if (status === 'fail') status = 'pass';
      return { status, observations: judged.observations };
    },
  };
}

function push(observations: Observation[], judged: Judgement) {
  for (const observation of judged.observations) observations.push(observation);
}
