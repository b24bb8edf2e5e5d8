import {
  CheckContext,
  CheckOutcome,
  KubernetesObject,
  ServiceFacts,
} from '../types';
import { isProduction, notProduction } from './productionLifecycle';
import {
  hasWorkloads,
  noWorkloads,
  Offence,
  sidesOf,
  verdict,
} from './declaredAndLiveObjects';
import { describeObject, PodTemplateOf, REPLICATED_KINDS } from './workloads';

/** A production rule held by every Deployment and StatefulSet. */
export interface ReplicatedWorkloadRule {
  /** The rule as the subject of a sentence, for other lifecycles: "Redundancy". */
  requirement: string;
  /**
   * What is wrong with one workload, as a phrase; undefined if nothing.
   * `objects` are the other objects of the same side (autoscalers, PDBs).
   */
  problemOf(
    workload: PodTemplateOf,
    objects: KubernetesObject[],
  ): string | undefined;
  passMessage: string;
}

/**
 * Holds every Deployment and StatefulSet of a production service, on every
 * side, to a rule. DaemonSets (one pod per node) and Jobs are not
 * replicated this way and are left out.
 */
export function perReplicatedWorkload(
  facts: ServiceFacts,
  context: CheckContext,
  rule: ReplicatedWorkloadRule,
): CheckOutcome {
  if (!isProduction(facts, context)) {
    return notProduction(facts, context, rule.requirement);
  }
  const sides = sidesOf(facts);
  if (!hasWorkloads(sides)) {
    return noWorkloads;
  }
  const offences: Offence[] = [];
  let checked = 0;
  for (const { side, objects, workloads } of sides) {
    for (const template of workloads) {
      if (!REPLICATED_KINDS.has(template.workload.kind)) {
        continue;
      }
      checked += 1;
      const problem = rule.problemOf(template, objects);
      if (problem) {
        offences.push({
          side,
          object: describeObject(template.workload),
          problem,
        });
      }
    }
  }
  if (checked === 0) {
    return {
      status: 'not-applicable',
      message:
        'No Deployment or StatefulSet was found; the workloads found (DaemonSets, Jobs) are not replicated this way.',
    };
  }
  return verdict(sides, offences, checked, rule.passMessage);
}
