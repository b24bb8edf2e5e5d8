import { appliesToEntity } from './applicability';
import { withDerivedFacts } from './derivedFacts';
import {
  CheckContext,
  CheckDefinition,
  CheckResult,
  defaultCheckOptions,
  ServiceFacts,
} from './types';

function evaluateOne(
  check: CheckDefinition,
  facts: ServiceFacts,
  context: CheckContext,
): CheckResult {
  if (!appliesToEntity(check.appliesTo, facts.entity)) {
    return {
      checkId: check.id,
      status: 'not-applicable',
      message: 'This check does not apply to this entity.',
    };
  }
  try {
    const outcome = check.evaluate(facts, context);
    return { checkId: check.id, ...outcome };
  } catch (error) {
    return {
      checkId: check.id,
      status: 'error',
      message: `The check failed to run: ${
        error instanceof Error ? error.message : String(error)
      }`,
    };
  }
}

/**
 * Runs checks over the facts of one service.
 *
 * Checks that do not apply answer `not-applicable`. A check that throws
 * answers `error` with the reason, so one broken check never hides the
 * results of the others. What several checks derive from the same facts
 * (workloads, health endpoints) is derived once for the call.
 *
 * @public
 */
export function evaluateChecks(
  checks: ReadonlyArray<CheckDefinition>,
  facts: ServiceFacts,
  context: CheckContext = { now: new Date(), options: defaultCheckOptions },
): CheckResult[] {
  return withDerivedFacts(facts, () => {
    const results: CheckResult[] = [];
    for (const check of checks) {
      results.push(evaluateOne(check, facts, context));
    }
    return results;
  });
}
