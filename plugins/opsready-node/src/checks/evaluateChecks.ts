import { appliesToEntity } from './applicability';
import { withDerivedFacts } from './derivedFacts';
import {
  CheckContext,
  CheckDefinition,
  CheckOutcome,
  CheckResult,
  defaultCheckOptions,
  ServiceFacts,
} from './types';

/**
 * A check's result: its id, then what it answered. Built field by field
 * rather than by spreading the outcome, which is several times slower and
 * runs for every check of every service: the fields are those a result has
 * (`CheckResult`), in the order the outcome gives them. Anything but an
 * object, from a check that breaks its contract, is spread all the same.
 */
function resultOf(checkId: string, outcome: CheckOutcome): CheckResult {
  if (typeof outcome !== 'object' || outcome === null) {
    return { checkId, ...(outcome as object) } as CheckResult;
  }
  const { status, message } = outcome;
  return 'evidence' in outcome
    ? { checkId, status, message, evidence: outcome.evidence }
    : { checkId, status, message };
}

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
    return resultOf(check.id, check.evaluate(facts, context));
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
  const keptFrom = facts.repository?.keptFrom;
  if (!keptFrom) {
    // map sizes the list once, where pushing would grow it as it goes.
    return withDerivedFacts(facts, () =>
      checks.map(check => evaluateOne(check, facts, context)),
    );
  }
  return withDerivedFacts(facts, () =>
    withRepositoryReads(facts, readsRepository =>
      checks.map(check => {
        readsRepository.reset();
        const result = evaluateOne(check, facts, context);
        return readsRepository.happened()
          ? withKeptFromEvidence(result, keptFrom)
          : result;
      }),
    ),
  );
}

/**
 * Runs `evaluate` with the reads of `facts.repository` counted, so that the
 * results resting on kept repository facts, and only those, say so. The
 * property becomes an accessor for the call (the facts object stays the
 * same one, which derived facts key on) and plain data again after it.
 */
function withRepositoryReads<T>(
  facts: ServiceFacts,
  evaluate: (reads: { reset(): void; happened(): boolean }) => T,
): T {
  const repository = facts.repository;
  let read = false;
  Object.defineProperty(facts, 'repository', {
    configurable: true,
    enumerable: true,
    get() {
      read = true;
      return repository;
    },
  });
  try {
    return evaluate({
      reset: () => {
        read = false;
      },
      happened: () => read,
    });
  } finally {
    Object.defineProperty(facts, 'repository', {
      configurable: true,
      enumerable: true,
      writable: true,
      value: repository,
    });
  }
}

function withKeptFromEvidence(
  result: CheckResult,
  keptFrom: { readAt: string; reason: string },
): CheckResult {
  if (result.status === 'not-applicable') {
    return result;
  }
  return {
    ...result,
    evidence: {
      ...result.evidence,
      repositoryReadAt: keptFrom.readAt,
      repositoryKeptBecause: keptFrom.reason,
    },
  };
}
