import { derived } from '../derivedFacts';
import { CheckOutcome, KubernetesObject, ServiceFacts } from '../types';
import {
  containersOf,
  describeObject,
  PodTemplateOf,
  podTemplatesOf,
} from './workloads';

/** Where objects were seen: in the repository's manifests, or running. */
export type Side = 'declared' | 'live';

export const SIDE_NAMES: Record<Side, string> = {
  declared: 'in the manifests',
  live: 'in the cluster',
};

/** The objects of one side, with the workloads among them. */
export interface ObjectsOnSide {
  side: Side;
  objects: KubernetesObject[];
  workloads: PodTemplateOf[];
}

/**
 * The sides the facts hold, declared first. Derived once per evaluation,
 * since most Kubernetes checks start here: read-only for every caller.
 */
export function sidesOf(facts: ServiceFacts): ObjectsOnSide[] {
  return derived(facts, deriveSides);
}

function deriveSides(facts: ServiceFacts): ObjectsOnSide[] {
  const kubernetes = facts.kubernetes;
  const sides: ObjectsOnSide[] = [];
  for (const side of ['declared', 'live'] as const) {
    const objects = kubernetes?.[side];
    if (Array.isArray(objects)) {
      sides.push({ side, objects, workloads: podTemplatesOf(objects) });
    }
  }
  return sides;
}

/**
 * The workloads among one side's objects, as `podTemplatesOf` finds them:
 * those `sidesOf` derived when the side is a list, else found afresh (and
 * failing as they always have, if the side is not a list at all).
 */
export function workloadsOn(facts: ServiceFacts, side: Side): PodTemplateOf[] {
  const objects = facts.kubernetes?.[side];
  if (Array.isArray(objects)) {
    for (const found of sidesOf(facts)) {
      if (found.side === side) {
        return found.workloads;
      }
    }
  }
  return podTemplatesOf(objects ?? []);
}

/** Whether any side holds a workload at all. */
export function hasWorkloads(sides: ObjectsOnSide[]): boolean {
  return sides.some(s => s.workloads.length > 0);
}

/**
 * What a Kubernetes check answers when there is nothing to look at: unknown,
 * never pass, since the service may well run workloads nobody could read.
 */
export const noWorkloads: CheckOutcome = {
  status: 'unknown',
  message:
    'No Kubernetes workloads were found: no manifests in the repository and none running in a cluster for this entity.',
};

/** One thing wrong with one object (or one of its containers) on one side. */
export interface Offence {
  side: Side;
  /** `Kind/name` of the workload or Service. */
  object: string;
  container?: string;
  /** Set when the container is an init container. */
  initContainer?: boolean;
  /** What is wrong, as a phrase following the subject: "has no livenessProbe". */
  problem: string;
}

const SHOWN_IN_MESSAGE = 3;

function subjectOf(offence: Offence): string {
  if (!offence.container) {
    return offence.object;
  }
  const role = offence.initContainer ? 'init container' : 'container';
  return `${offence.object} ${role} ${offence.container}`;
}

/**
 * Offences as one sentence. The same problem on both sides is said once
 * ("in the manifests and in the cluster"), since manifests and cluster
 * usually agree; only the first few are spelled out.
 */
export function describeOffences(offences: Offence[]): string {
  const groups = new Map<
    string,
    { subject: string; problem: string; sides: Side[] }
  >();
  for (const offence of offences) {
    const subject = subjectOf(offence);
    const key = `${subject}\u0000${offence.problem}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, {
        subject,
        problem: offence.problem,
        sides: [offence.side],
      });
    } else if (!group.sides.includes(offence.side)) {
      group.sides.push(offence.side);
    }
  }
  // Only the phrases spelled out are built; the others are counted.
  const phrases: string[] = [];
  for (const g of groups.values()) {
    if (phrases.length === SHOWN_IN_MESSAGE) {
      break;
    }
    phrases.push(
      `${g.subject} ${g.sides.map(s => SIDE_NAMES[s]).join(' and ')} ${
        g.problem
      }`,
    );
  }
  return summarise(phrases, groups.size);
}

/**
 * Phrases as one sentence: the first few spelled out, the rest counted.
 * `total` is how many phrases there are, when only the first were built.
 */
export function summarise(
  phrases: string[],
  total: number = phrases.length,
): string {
  const shown = phrases.slice(0, SHOWN_IN_MESSAGE).join('; ');
  const hidden = total - SHOWN_IN_MESSAGE;
  return `${shown}${hidden > 0 ? ` (and ${hidden} more)` : ''}.`;
}

/**
 * Fails naming the offences, or passes with `passMessage`. The evidence says
 * how many things were checked and on which sides, so a pass on one side
 * only is visible as such.
 */
export function verdict(
  sides: ObjectsOnSide[],
  offences: Offence[],
  checked: number,
  passMessage: string,
): CheckOutcome {
  const sidesChecked = sides.map(s => s.side);
  if (offences.length === 0) {
    return {
      status: 'pass',
      message: passMessage,
      evidence: { checked, sides: sidesChecked },
    };
  }
  return {
    status: 'fail',
    message: describeOffences(offences),
    evidence: { offences, checked, sides: sidesChecked },
  };
}

/** A rule held by every container of every workload it concerns. */
export interface ContainerRule {
  /** Whether init containers are held to the rule too. */
  includeInit?: boolean;
  /** Which workloads the rule concerns; all when absent. */
  concerns?: (workload: KubernetesObject) => boolean;
  /** What is wrong with one container, as a phrase; undefined if nothing. */
  problemOf(container: any, podSpec: any): string | undefined;
}

/**
 * Holds every container of every workload the rule concerns, on every
 * side, to the rule: the offences, and how many workloads and containers
 * were looked at.
 */
export function containerOffences(
  sides: ObjectsOnSide[],
  rule: ContainerRule,
): { offences: Offence[]; concerned: number; checked: number } {
  const offences: Offence[] = [];
  let concerned = 0;
  let checked = 0;
  for (const { side, workloads } of sides) {
    for (const { workload, podSpec } of workloads) {
      if (rule.concerns && !rule.concerns(workload)) {
        continue;
      }
      concerned += 1;
      for (const { container, init } of containersOf(podSpec, {
        includeInit: rule.includeInit,
      })) {
        checked += 1;
        const problem = rule.problemOf(container, podSpec);
        if (problem) {
          offences.push({
            side,
            object: describeObject(workload),
            container: String(container.name ?? '(unnamed)'),
            ...(init ? { initContainer: true } : {}),
            problem,
          });
        }
      }
    }
  }
  return { offences, concerned, checked };
}

/**
 * A check holding every container to a rule. Unknown when no side has a
 * workload; not applicable when workloads were found but the rule concerns
 * none of them; else fails naming the offences, or passes.
 */
export function perContainer(
  facts: ServiceFacts,
  rule: ContainerRule & {
    /** What to answer when there are workloads but the rule concerns none. */
    noneConcerned?: string;
    passMessage: string;
  },
): CheckOutcome {
  const sides = sidesOf(facts);
  if (!hasWorkloads(sides)) {
    return noWorkloads;
  }
  const { offences, concerned, checked } = containerOffences(sides, rule);
  if (concerned === 0) {
    return {
      status: 'not-applicable',
      message:
        rule.noneConcerned ??
        'None of the workloads found is one this check holds.',
    };
  }
  if (checked === 0) {
    // Kubernetes rejects a pod without containers: these specs are broken
    // or cut short, and nothing can be said of what would run.
    return {
      status: 'unknown',
      message: 'The workloads found declare no containers.',
    };
  }
  return verdict(sides, offences, checked, rule.passMessage);
}

/** "a, b and c", for lists in messages. */
export function listing(items: string[]): string {
  if (items.length <= 1) {
    return items.join('');
  }
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
