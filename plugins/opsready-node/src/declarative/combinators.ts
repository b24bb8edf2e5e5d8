import { CompiledCondition, Judgement, Observation } from './compiled';

/*
 * Three-valued, as the checks answer: `all` fails on any failure, else is
 * unknown if any part is; `any` passes on any pass, else is unknown if any
 * part is; `not` swaps pass and fail and keeps unknown. Each stops at the
 * first part that decides it.
 */

export function allOf(parts: CompiledCondition[]): CompiledCondition {
  return {
    describe: `all of (${parts.map(p => p.describe).join('; ')})`,
    judge: (facts, context) => {
      const observations: Observation[] = [];
      let unknown = false;
      for (const part of parts) {
        const judged = part.judge(facts, context);
        push(observations, judged);
        if (judged.status === 'fail') return { status: 'fail', observations };
        if (judged.status === 'unknown') unknown = true;
      }
      return { status: unknown ? 'unknown' : 'pass', observations };
    },
  };
}

export function anyOf(parts: CompiledCondition[]): CompiledCondition {
  return {
    describe: `any of (${parts.map(p => p.describe).join('; ')})`,
    judge: (facts, context) => {
      const observations: Observation[] = [];
      let unknown = false;
      for (const part of parts) {
        const judged = part.judge(facts, context);
        push(observations, judged);
        if (judged.status === 'pass') return { status: 'pass', observations };
        if (judged.status === 'unknown') unknown = true;
      }
      return { status: unknown ? 'unknown' : 'fail', observations };
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
