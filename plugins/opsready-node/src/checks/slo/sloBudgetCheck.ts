import { burnRateAlerts, errorBudget } from '../../slo/errorBudget';
import { readSloSpec } from '../../slo/readSloSpec';
import {
  LatencyObjective,
  SliMeasurement,
  SliWindow,
  SLI_WINDOWS,
  SloSpec,
} from '../../slo/types';
import { CheckDefinition, CheckOutcome, ServiceFacts } from '../types';
import { percent, SLO_ANNOTATION_EXAMPLE, targetPercent } from './sloText';

/** Below this share of its error budget left, a service is warned. */
export const LOW_BUDGET = 0.25;

/** The latency sentence and evidence, when the objective can be judged. */
function judgeLatency(
  objective: LatencyObjective | undefined,
  sli: SliMeasurement,
) {
  if (!objective || sli.latencyMs === undefined) {
    return undefined;
  }
  const { percentile, thresholdMs } = objective;
  const slow = sli.latencyMs > thresholdMs;
  // Rounded up, so that 200.4 ms is never shown as the 200 ms it exceeds.
  const measured = `${Math.ceil(sli.latencyMs)} ms`;
  return {
    slow,
    sentence: slow
      ? `p${percentile} latency is ${measured}, above the ${thresholdMs} ms objective.`
      : `p${percentile} latency is ${measured}, within the ${thresholdMs} ms objective.`,
    evidence: { percentile, thresholdMs, measuredMs: sli.latencyMs },
  };
}

function unknownOutcome(message: string, evidence?: Record<string, unknown>) {
  return {
    status: 'unknown' as const,
    message,
    ...(evidence ? { evidence } : {}),
  };
}

function measuredEvidence(sli: SliMeasurement) {
  return {
    source: sli.source,
    queries: sli.queries,
    measuredAt: sli.measuredAt,
  };
}

/** The verdict on a spec with no availability objective: latency alone. */
function latencyOnly(spec: SloSpec, sli: SliMeasurement): CheckOutcome {
  const latency = judgeLatency(spec.latency, sli);
  const evidence = { ...measuredEvidence(sli), latency: latency?.evidence };
  if (!latency) {
    return unknownOutcome(
      `The p${spec.latency?.percentile} latency was not measured (${sli.source}), so the latency objective cannot be judged.`,
      evidence,
    );
  }
  return {
    status: latency.slow ? 'warn' : 'pass',
    message: latency.sentence,
    evidence,
  };
}

function burnRatesOf(target: number, sli: SliMeasurement) {
  const rates: Partial<Record<SliWindow, number>> = {};
  for (const window of Object.keys(SLI_WINDOWS) as SliWindow[]) {
    const ratio = sli.errorRatios[window];
    if (ratio !== undefined) {
      rates[window] = errorBudget({ target, windowDays: 1 }, ratio).burnRate;
    }
  }
  return rates;
}

function judge(spec: SloSpec, sli: SliMeasurement): CheckOutcome {
  const availability = spec.availability;
  if (!availability) {
    return latencyOnly(spec, sli);
  }
  const window = `${availability.windowDays} days`;
  const errorRatio = sli.errorRatios.slo;
  if (errorRatio === undefined) {
    return unknownOutcome(
      `No error ratio was measured over the ${window} of the SLO (${sli.source}), so its error budget is not known.`,
      measuredEvidence(sli),
    );
  }
  const { allowed, consumed, remaining } = errorBudget(
    availability,
    errorRatio,
  );
  const alerts = burnRateAlerts(availability, sli.errorRatios);
  const latency = judgeLatency(spec.latency, sli);
  const evidence = {
    target: availability.target,
    windowDays: availability.windowDays,
    errorRatio,
    budget: { allowed, consumed, remaining },
    burnRates: burnRatesOf(availability.target, sli),
    alerts: alerts.map(({ severity, factor, windows, burnRates }) => ({
      severity,
      factor,
      windows,
      burnRates,
    })),
    ...(latency ? { latency: latency.evidence } : {}),
    ...measuredEvidence(sli),
  };
  const objective = `the ${targetPercent(availability.target)} objective`;
  const budget =
    remaining <= 0
      ? `The error budget over ${window} is exhausted: ${percent(
          errorRatio,
        )} of requests failed where ${objective} allows ${percent(
          allowed,
        )} (${percent(consumed)} of the budget used).`
      : `${percent(
          remaining,
        )} of the error budget over ${window} is left (${percent(
          errorRatio,
        )} of requests failed; ${objective} allows ${percent(allowed)}).`;
  const message = [
    budget,
    ...alerts.map(alert => alert.message),
    ...(latency ? [latency.sentence] : []),
  ].join(' ');
  const pages = alerts.some(alert => alert.severity === 'page');
  const tickets = alerts.some(alert => alert.severity === 'ticket');
  let status: CheckOutcome['status'] = 'pass';
  if (remaining <= 0 || pages) {
    status = 'fail';
  } else if (remaining < LOW_BUDGET || tickets || latency?.slow) {
    status = 'warn';
  }
  return { status, message, evidence };
}

function specOf(facts: ServiceFacts) {
  if (facts.slo?.spec) {
    return { spec: facts.slo.spec, problems: facts.slo.problems ?? [] };
  }
  // No provider gathered SLO facts: what the annotations declare still
  // tells whether there is a budget to judge.
  const annotated = readSloSpec(facts.entity, []);
  return {
    spec: annotated.spec,
    problems: [
      ...new Set([...annotated.problems, ...(facts.slo?.problems ?? [])]),
    ],
  };
}

/** @public */
export const sloBudgetCheck: CheckDefinition = {
  id: 'slo.budget-remaining',
  title: 'Error budget remaining',
  description:
    "The service keeps its objectives: error budget left over the SLO's window, no fast burn (the SRE workbook's multi-window burn-rate alerts), latency within its objective.",
  category: 'observability',
  severity: 'high',
  weight: 2,
  remediation: [
    'A burning error budget is failing requests: look at what changed (deployments, dependencies, load) since the burn began, and roll back or fix before the budget runs out. Pages fire at 14.4× the sustainable rate over 1 h and 5 min or 6× over 6 h and 30 min; a ticket at 1× over 3 days and 6 h.',
    'The budget is measured from Prometheus when the entity names its series (`prometheus.io/selector: job="cart"`), else from OpsReady\'s probes of its health endpoints. The objectives come from the annotations:',
    SLO_ANNOTATION_EXAMPLE,
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate(facts) {
    const { spec, problems } = specOf(facts);
    if (!spec) {
      return problems.length > 0
        ? unknownOutcome(
            `No objective could be read, so there is no budget to judge: ${problems.join(
              '; ',
            )}.`,
            { problems },
          )
        : {
            status: 'not-applicable',
            message:
              'No SLO applies to this service, so there is no error budget to judge (see slo.declared).',
          };
    }
    const sli = facts.slo?.sli;
    if (!sli && facts.slo && problems.length === 0) {
      // The SLO source answered without a problem but has nothing for this
      // service yet (a new service, never scraped nor probed): the first
      // measurement is still to come.
      return {
        status: 'pending',
        message:
          'Waiting for the first measurement: nothing has been measured of this service yet, so its error budget is not known.',
      };
    }
    if (!sli) {
      return unknownOutcome(
        problems.length > 0
          ? `The service level was not measured: ${problems.join('; ')}.`
          : 'The service level was not measured: no Prometheus series and no probes of the service were available.',
        problems.length > 0 ? { problems } : undefined,
      );
    }
    if (sli.events === 0) {
      return unknownOutcome(
        `No traffic was measured over the SLO window (0 events, ${sli.source}), so the error budget cannot be judged.`,
        measuredEvidence(sli),
      );
    }
    return judge(spec, sli);
  },
};
