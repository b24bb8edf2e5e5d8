import { readSloSpec } from '../../slo/readSloSpec';
import { isProduction } from '../kubernetes/productionLifecycle';
import { CheckDefinition } from '../types';
import { describeRule, describeSpec, SLO_ANNOTATION_EXAMPLE } from './sloText';

/** @public */
export const sloDeclaredCheck: CheckDefinition = {
  id: 'slo.declared',
  title: 'Service level objectives declared',
  description:
    'The service says what it promises: an availability target over a window, and a latency objective, in its annotations.',
  category: 'observability',
  severity: 'medium',
  weight: 1,
  remediation: [
    'Declare the objectives the service promises on its entity:',
    SLO_ANNOTATION_EXAMPLE,
    'Availability is the share of requests that do not fail with a 5xx; the window is 1 to 90 days (28 when left out). Services that declare none get the defaults of `opsready.slo.defaults` for their lifecycle or tier, if any.',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate(facts, context) {
    // The annotations are read here as well as by the fact provider, so that
    // a mistake in them is named even when no provider gathered SLO facts.
    const annotated = readSloSpec(facts.entity, []);
    if (annotated.problems.length > 0) {
      return {
        status: 'fail',
        message: `The SLO annotations have mistakes, so no objective applies: ${annotated.problems.join(
          '; ',
        )}.`,
        evidence: { problems: annotated.problems },
      };
    }
    if (annotated.spec) {
      return {
        status: 'pass',
        message: `Declares ${describeSpec(annotated.spec)}.`,
        evidence: { spec: annotated.spec },
      };
    }
    const defaults = facts.slo?.spec;
    if (defaults?.declaredBy === 'defaults') {
      return {
        status: 'warn',
        message: `Declares no SLO; ${describeRule(
          defaults.defaultsRule,
        )} applies (${describeSpec(
          defaults,
        )}). Declare what the service promises with opsready.io/slo.`,
        evidence: { spec: defaults },
      };
    }
    if (!isProduction(facts, context)) {
      const lifecycle = facts.entity.spec?.lifecycle;
      return {
        status: 'not-applicable',
        message: `Only production services must declare SLOs; this one's lifecycle is ${
          typeof lifecycle === 'string' && lifecycle ? lifecycle : 'not set'
        } and no configured default applies to it.`,
      };
    }
    return {
      status: 'fail',
      message:
        'Declares no SLO, and no configured default applies to it: add the opsready.io/slo annotation, e.g. "availability: 99.9%" and "latency: p95 < 200ms".',
    };
  },
};
