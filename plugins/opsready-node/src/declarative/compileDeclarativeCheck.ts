import { CheckDefinition, CheckOutcome } from '../checks/types';
import { compileCondition } from './compileCondition';
import { Observation } from './compiled';
import { DeclarativeCheckSpec } from './types';

/**
 * A declarative check as a `CheckDefinition`, so that the one engine runs
 * it as any other. Compiled once: patterns, globs and paths are parsed
 * here, and a mistake throws naming `key` (e.g.
 * `opsready.checks.declarative[2]`) and the part that is wrong.
 *
 * @public
 */
export function compileDeclarativeCheck(
  spec: DeclarativeCheckSpec,
  key: string,
): CheckDefinition {
  const condition = compileCondition(spec.condition, `${key}.condition`);
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    category: spec.category,
    severity: spec.severity,
    weight: spec.weight,
    remediation: spec.remediation,
    ...(spec.appliesTo ? { appliesTo: spec.appliesTo } : {}),
    evaluate: (facts, context): CheckOutcome => {
      const { status, observations } = condition.judge(facts, context);
      return {
        status,
        message: messageFor(status, condition.describe, observations),
        evidence: { condition: condition.describe, observed: observations },
      };
    },
  };
}

function messageFor(
  status: CheckOutcome['status'],
  describe: string,
  observations: Observation[],
): string {
  if (status === 'pass') {
    return `Met: ${describe}.`;
  }
  if (status === 'unknown') {
    const reasons = observations
      .filter(o => o.status === 'unknown' && o.reason)
      .map(o => o.reason);
    return `Could not be checked: ${[...new Set(reasons)].join(' ')}`;
  }
  const failed = observations
    .filter(o => o.status === 'fail')
    .map(o => o.condition);
  const saysMore =
    failed.length > 0 && !(failed.length === 1 && failed[0] === describe);
  return saysMore && !describe.startsWith('not ')
    ? `Not met: ${describe}. Failing: ${failed.join('; ')}.`
    : `Not met: ${describe}.`;
}
