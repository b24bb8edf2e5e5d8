import { equalIgnoringCase } from '../ignoringCase';
import { CheckContext, CheckOutcome, ServiceFacts } from '../types';

/**
 * Whether the entity's lifecycle is one held to production rules. Compared
 * ignoring case, as `Production` and `production` mean the same to people.
 */
export function isProduction(
  facts: ServiceFacts,
  { options }: CheckContext,
): boolean {
  const lifecycle = facts.entity.spec?.lifecycle;
  return (
    typeof lifecycle === 'string' &&
    options.productionLifecycles.some(p => equalIgnoringCase(p, lifecycle))
  );
}

/** What a production-only Kubernetes check answers for any other lifecycle. */
export function notProduction(
  facts: ServiceFacts,
  { options }: CheckContext,
  rule: string,
): CheckOutcome {
  const lifecycle = facts.entity.spec?.lifecycle;
  return {
    status: 'not-applicable',
    message: `${rule} is required of production services only (lifecycle ${options.productionLifecycles.join(
      ' or ',
    )}); this one's lifecycle is ${
      typeof lifecycle === 'string' && lifecycle ? lifecycle : 'not set'
    }.`,
  };
}
