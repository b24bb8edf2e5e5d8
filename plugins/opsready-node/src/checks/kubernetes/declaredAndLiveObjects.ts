import { derived } from '../derivedFacts';
import { CheckOutcome, KubernetesObject, ServiceFacts } from '../types';
import {
  ContainerOf,
  containersOf,
  describeObject,
  PodTemplateOf,
  podTemplateOf,
  podTemplatesOf,
} from './workloads';

/** Where objects were seen: in the repository's manifests, or running. */
export type Side = 'declared' | 'live';

export const SIDE_NAMES: Record<Side, string> = {
  declared: 'in the manifests',
  live: 'in the cluster',
};

/**
 * A workload with its containers listed once, since most Kubernetes checks
 * walk them: the app containers, and the init containers with them.
 */
export interface WorkloadOnSide extends PodTemplateOf {
  /** `containersOf(podSpec)`. */
  containers: ContainerOf[];
  /** `containersOf(podSpec, { includeInit: true })`. */
  containersWithInit: ContainerOf[];
}

/** The objects of one side, with the workloads among them. */
export interface ObjectsOnSide {
  side: Side;
  objects: KubernetesObject[];
  workloads: WorkloadOnSide[];
}

/**
 * The sides the facts hold, declared first. Derived once per evaluation,
 * since most Kubernetes checks start here: read-only for every caller.
 */
export function sidesOf(facts: ServiceFacts): ObjectsOnSide[] {
  return derived(facts, deriveSides);
}

/*
 * What is derived here is made for every service, so its lists are made as
 * literals where they can be: pushing onto an empty list makes room for
 * seventeen items, and these hold one or two.
 */

function deriveSides(facts: ServiceFacts): ObjectsOnSide[] {
  const declared = objectsOn('declared', facts.kubernetes?.declared);
  const live = objectsOn('live', facts.kubernetes?.live);
  if (declared && live) {
    return [declared, live];
  }
  if (declared || live) {
    return [(declared ?? live)!];
  }
  return [];
}

function objectsOn(
  side: Side,
  objects: KubernetesObject[] | undefined,
): ObjectsOnSide | undefined {
  if (!Array.isArray(objects)) {
    return undefined;
  }
  let workloads: WorkloadOnSide[] | undefined;
  // forEach, as podTemplatesOf's flatMap, passes over holes in the list.
  objects.forEach(object => {
    const template = podTemplateOf(object);
    if (template) {
      const workload = withContainers(template);
      if (workloads) {
        workloads.push(workload);
      } else {
        workloads = [workload];
      }
    }
  });
  return { side, objects, workloads: workloads ?? [] };
}

function withContainers({
  workload,
  podSpec,
  podAnnotations,
  podLabels,
}: PodTemplateOf): WorkloadOnSide {
  const containers = containersOf(podSpec);
  // Most pods have no init containers: then both lists are the same.
  const containersWithInit = hasInitContainers(podSpec)
    ? containersOf(podSpec, { includeInit: true })
    : containers;
  return {
    workload,
    podSpec,
    podAnnotations,
    podLabels,
    containers,
    containersWithInit,
  };
}

function hasInitContainers(podSpec: any): boolean {
  return (
    Array.isArray(podSpec.initContainers) && podSpec.initContainers.length > 0
  );
}

/**
 * The workloads among one side's objects, as `podTemplatesOf` finds them:
 * those `sidesOf` derived when the side is a list, else found afresh (and
 * failing as they always have, if the side is not a list at all).
 */
export function workloadsOn(facts: ServiceFacts, side: Side): WorkloadOnSide[] {
  const objects = facts.kubernetes?.[side];
  if (Array.isArray(objects)) {
    for (const found of sidesOf(facts)) {
      if (found.side === side) {
        return found.workloads;
      }
    }
  }
  return podTemplatesOf(objects ?? []).map(withContainers);
}

/** Whether any side holds a workload at all. */
export function hasWorkloads(sides: ObjectsOnSide[]): boolean {
  for (const { workloads } of sides) {
    if (workloads.length > 0) {
      return true;
    }
  }
  return false;
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

/** Offences that say the same of the same subject, on the sides they were seen. */
interface OffenceGroup {
  subject: string;
  problem: string;
  sides: Side[];
}

// Up to this many offences (a few per check, usually), a group is found by
// comparing it with those found so far; beyond it by a key, so that a huge
// release costs linear time, not quadratic.
const COMPARED_OFFENCES = 16;

function groupSaying(
  groups: OffenceGroup[],
  subject: string,
  problem: string,
): OffenceGroup | undefined {
  for (const group of groups) {
    if (group.subject === subject && group.problem === problem) {
      return group;
    }
  }
  return undefined;
}

/** The offences grouped by subject and problem, in the order first seen. */
function groupOffences(offences: Offence[]): OffenceGroup[] {
  const groups: OffenceGroup[] = [];
  const byKey =
    offences.length > COMPARED_OFFENCES
      ? new Map<string, OffenceGroup>()
      : undefined;
  for (const offence of offences) {
    const subject = subjectOf(offence);
    const { problem, side } = offence;
    const key = byKey && `${subject}\u0000${problem}`;
    const group = byKey
      ? byKey.get(key!)
      : groupSaying(groups, subject, problem);
    if (!group) {
      const created = { subject, problem, sides: [side] };
      groups.push(created);
      byKey?.set(key!, created);
    } else if (!group.sides.includes(side)) {
      // A new list of two rather than a push, which would make room for
      // many more: there are only two sides.
      group.sides = [...group.sides, side];
    }
  }
  return groups;
}

const ON_BOTH_SIDES = `${SIDE_NAMES.declared} and ${SIDE_NAMES.live}`;

/** "in the manifests and in the cluster", say. */
function whereSeen(sides: Side[]): string {
  if (sides.length === 1) {
    return SIDE_NAMES[sides[0]];
  }
  if (sides.length === 2 && sides[0] === 'declared' && sides[1] === 'live') {
    return ON_BOTH_SIDES; // The usual case, made once.
  }
  return sides.map(s => SIDE_NAMES[s]).join(' and ');
}

/**
 * Offences as one sentence. The same problem on both sides is said once
 * ("in the manifests and in the cluster"), since manifests and cluster
 * usually agree; only the first few are spelled out.
 */
export function describeOffences(offences: Offence[]): string {
  const groups = groupOffences(offences);
  // Only the phrases spelled out are built; the others are counted.
  const phrases = groups
    .slice(0, SHOWN_IN_MESSAGE)
    .map(({ subject, problem, sides }) => {
      return `${subject} ${whereSeen(sides)} ${problem}`;
    });
  return summarise(phrases, groups.length);
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
    for (const workload of workloads) {
      if (rule.concerns && !rule.concerns(workload.workload)) {
        continue;
      }
      concerned += 1;
      const containers = rule.includeInit
        ? workload.containersWithInit
        : workload.containers;
      for (const { container, init } of containers) {
        checked += 1;
        const problem = rule.problemOf(container, workload.podSpec);
        if (problem) {
          offences.push(
            containerOffence(side, workload, container, init, problem),
          );
        }
      }
    }
  }
  return { offences, concerned, checked };
}

/** An offence of one container; `initContainer` is only there when true. */
function containerOffence(
  side: Side,
  { workload }: PodTemplateOf,
  container: any,
  init: boolean,
  problem: string,
): Offence {
  const object = describeObject(workload);
  const name = String(container.name ?? '(unnamed)');
  return init
    ? { side, object, container: name, initContainer: true, problem }
    : { side, object, container: name, problem };
}

/**
 * A rule and what a check holding every container to it answers. Checks
 * make theirs once, at module level: it is the same for every service.
 */
export interface PerContainerRule extends ContainerRule {
  /** What to answer when there are workloads but the rule concerns none. */
  noneConcerned?: string;
  passMessage: string;
}

/**
 * A check holding every container to a rule. Unknown when no side has a
 * workload; not applicable when workloads were found but the rule concerns
 * none of them; else fails naming the offences, or passes.
 */
export function perContainer(
  facts: ServiceFacts,
  rule: PerContainerRule,
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

/**
 * A phrase for each subset of a few fixed items, made once: subset `i`
 * holds the items whose bit is set in `i`, in their order. For rules that
 * say which of a few fixed things a container lacks, so that no container
 * builds that sentence (or the list of what it lacks) again.
 */
export function phrasesForSubsets(
  items: readonly string[],
  phrase: (subset: string[]) => string,
): string[] {
  const phrases: string[] = [];
  for (let subset = 0; subset < 1 << items.length; subset++) {
    phrases.push(phrase(items.filter((_, bit) => subset & (1 << bit))));
  }
  return phrases;
}

/** "a, b and c", for lists in messages. */
export function listing(items: string[]): string {
  if (items.length <= 1) {
    return items.join('');
  }
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
