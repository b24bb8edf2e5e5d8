import { ErrorCategory, ErrorSeverity } from '@opsready/plugin-opsready-common';
import { KubernetesObject } from '@opsready/plugin-opsready-node';

/**
 * Something wrong with a workload right now, as the cluster shows it. Pods
 * come and go, so problems are told per workload (its Deployment,
 * StatefulSet, DaemonSet or Job), container and code: three crash-looping
 * replicas are one problem, not three.
 */
export interface WorkloadProblem {
  /** `Kind namespace/name` of the workload. */
  workload: string;
  /** The container it is about, if any. */
  container?: string;
  /** Kubernetes' own reason where it has one, e.g. `CrashLoopBackOff`. */
  code: string;
  severity: ErrorSeverity;
  category: ErrorCategory;
  message: string;
  /** When it began, as far as the cluster says; else when it was seen. */
  since: string;
}

export interface ProblemRules {
  /** A running container restarted at least this often is reported. */
  restartThreshold: number;
  /** Pods pending or unready for less than this are given time. */
  graceMs: number;
}

/** Waiting reasons of a container that will not start by itself. */
const WAITING: Record<
  string,
  { severity: ErrorSeverity; category: ErrorCategory; what: string }
> = {
  CrashLoopBackOff: {
    severity: 'high',
    category: 'configuration',
    what: 'keeps crashing',
  },
  ImagePullBackOff: {
    severity: 'high',
    category: 'configuration',
    what: 'cannot pull its image',
  },
  ErrImagePull: {
    severity: 'high',
    category: 'configuration',
    what: 'cannot pull its image',
  },
  InvalidImageName: {
    severity: 'high',
    category: 'configuration',
    what: 'names an invalid image',
  },
  CreateContainerConfigError: {
    severity: 'high',
    category: 'configuration',
    what: 'cannot be configured (a missing Secret or ConfigMap?)',
  },
  CreateContainerError: {
    severity: 'high',
    category: 'configuration',
    what: 'cannot be created',
  },
};

const condition = (object: KubernetesObject, type: string) =>
  (object.status?.conditions ?? []).find((c: any) => c.type === type);

const ref = (object: KubernetesObject) =>
  `${object.metadata.namespace ?? 'default'}/${object.metadata.name}`;

/** The workload a Pod belongs to, through its ReplicaSet for Deployments. */
export function workloadOfPod(
  pod: KubernetesObject,
  replicaSets: Map<string, KubernetesObject>,
): string {
  const owner = ((pod.metadata.ownerReferences as any[]) ?? [])[0];
  const namespace = pod.metadata.namespace ?? 'default';
  if (!owner) return `Pod ${ref(pod)}`;
  if (owner.kind === 'ReplicaSet') {
    const replicaSet = replicaSets.get(`${namespace}/${owner.name}`);
    const deployment = ((replicaSet?.metadata.ownerReferences as any[]) ??
      [])[0];
    if (deployment?.kind === 'Deployment') {
      return `Deployment ${namespace}/${deployment.name}`;
    }
  }
  return `${owner.kind} ${namespace}/${owner.name}`;
}

function exitProblem(
  container: string,
  terminated: any,
  restarts: number,
): Omit<WorkloadProblem, 'workload'> {
  const oom = terminated.reason === 'OOMKilled';
  const killed = terminated.exitCode === 137 || terminated.exitCode === 143;
  return {
    container,
    code: oom ? 'OOMKilled' : 'ContainerExited',
    severity: 'medium',
    // Killed from outside (out of memory, a failing liveness probe) is a
    // resource problem; an exit of its own is the program or its config.
    category: oom || killed ? 'resource' : 'configuration',
    message: oom
      ? `Container ${container} was killed for using more memory than its limit (exit code ${terminated.exitCode}); it restarted ${restarts} times`
      : `Container ${container} exited with code ${terminated.exitCode}${
          terminated.reason ? ` (${terminated.reason})` : ''
        }; it restarted ${restarts} times`,
    since: terminated.finishedAt ?? terminated.startedAt,
  };
}

/** What is wrong with one container of a pod, if anything. */
function containerProblem(
  status: any,
  init: boolean,
  rules: ProblemRules,
  now: Date,
): Omit<WorkloadProblem, 'workload'> | undefined {
  const name = status.name as string;
  const restarts = Number(status.restartCount ?? 0);
  const waiting = status.state?.waiting;
  const last = status.lastState?.terminated;
  const label = init ? `Init container ${name}` : `Container ${name}`;
  if (waiting && WAITING[waiting.reason]) {
    const known = WAITING[waiting.reason];
    const lastExit = last
      ? `; last exit code ${last.exitCode}${
          last.reason ? ` (${last.reason})` : ''
        }`
      : '';
    return {
      container: name,
      code: init ? `Init:${waiting.reason}` : waiting.reason,
      severity: known.severity,
      category: last?.reason === 'OOMKilled' ? 'resource' : known.category,
      message: `${label} ${known.what}: ${waiting.reason}${
        waiting.message ? ` — ${waiting.message}` : ''
      }${lastExit}; ${restarts} restarts`,
      since: last?.finishedAt ?? now.toISOString(),
    };
  }
  const terminated = status.state?.terminated;
  if (init && terminated && terminated.exitCode !== 0) {
    return {
      container: name,
      code: 'Init:Error',
      severity: 'high',
      category: 'configuration',
      message: `${label} failed with exit code ${terminated.exitCode}${
        terminated.reason ? ` (${terminated.reason})` : ''
      }, so the pod cannot start`,
      since: terminated.finishedAt ?? now.toISOString(),
    };
  }
  if (!init && status.state?.running && last && last.exitCode !== 0) {
    // It runs again, but it did go down: worth knowing once it repeats,
    // or at once when the kernel killed it for memory.
    if (last.reason === 'OOMKilled' || restarts >= rules.restartThreshold) {
      return exitProblem(name, last, restarts);
    }
  }
  if (!init && status.state?.running && restarts >= rules.restartThreshold) {
    return {
      container: name,
      code: 'Restarting',
      severity: 'medium',
      category: 'resource',
      message: `Container ${name} restarted ${restarts} times`,
      since: status.state.running.startedAt ?? now.toISOString(),
    };
  }
  return undefined;
}

/** What is wrong with one pod: its containers, or the pod as a whole. */
export function podProblems(
  pod: KubernetesObject,
  rules: ProblemRules,
  now: Date,
): Array<Omit<WorkloadProblem, 'workload'>> {
  const status = pod.status ?? {};
  const age = (since?: string) =>
    since ? now.getTime() - Date.parse(since) : Infinity;
  if (status.phase === 'Failed' && status.reason === 'Evicted') {
    return [
      {
        code: 'Evicted',
        severity: 'medium',
        category: 'resource',
        message: `Pod ${pod.metadata.name} was evicted: ${
          status.message ?? 'the node ran short of resources'
        }`,
        since: status.startTime ?? now.toISOString(),
      },
    ];
  }
  const scheduled = condition(pod, 'PodScheduled');
  if (status.phase === 'Pending' && scheduled?.status === 'False') {
    if (age(scheduled.lastTransitionTime) < rules.graceMs) return [];
    return [
      {
        code:
          scheduled.reason === 'Unschedulable' ? 'Unschedulable' : 'Pending',
        severity: 'high',
        category: 'resource',
        message: `Pod ${pod.metadata.name} cannot be scheduled${
          scheduled.message ? `: ${scheduled.message}` : ''
        }`,
        since: scheduled.lastTransitionTime ?? now.toISOString(),
      },
    ];
  }
  const problems = [
    ...(status.initContainerStatuses ?? []).map((c: any) =>
      containerProblem(c, true, rules, now),
    ),
    ...(status.containerStatuses ?? []).map((c: any) =>
      containerProblem(c, false, rules, now),
    ),
  ].filter(Boolean) as Array<Omit<WorkloadProblem, 'workload'>>;
  if (problems.length > 0) return problems;

  // Everything runs, yet the pod does not take traffic.
  const ready = condition(pod, 'Ready');
  const allRunning = (status.containerStatuses ?? []).every(
    (c: any) => c.state?.running,
  );
  if (
    status.phase === 'Running' &&
    allRunning &&
    ready?.status === 'False' &&
    age(ready.lastTransitionTime) >= rules.graceMs
  ) {
    return [
      {
        code: 'ReadinessFailing',
        severity: 'medium',
        category: 'dependency',
        message: `Pod ${pod.metadata.name} runs but fails its readiness probe, so it gets no traffic`,
        since: ready.lastTransitionTime ?? now.toISOString(),
      },
    ];
  }
  return [];
}

/** What a workload's own status says is wrong: rollouts, jobs, autoscalers. */
export function workloadStatusProblems(
  object: KubernetesObject,
  now: Date,
): WorkloadProblem[] {
  const workload = `${object.kind} ${ref(object)}`;
  if (object.kind === 'Deployment') {
    const progressing = condition(object, 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') {
      return [
        {
          workload,
          code: 'ProgressDeadlineExceeded',
          severity: 'high',
          category: 'configuration',
          message: `The rollout of ${object.metadata.name} is stuck: ${
            progressing.message ?? 'it exceeded its progress deadline'
          }`,
          since:
            progressing.lastTransitionTime ??
            progressing.lastUpdateTime ??
            now.toISOString(),
        },
      ];
    }
  }
  if (object.kind === 'Job') {
    const failed = condition(object, 'Failed');
    if (failed?.status === 'True') {
      return [
        {
          workload,
          code: failed.reason ?? 'JobFailed',
          severity: 'high',
          category: 'configuration',
          message: `Job ${object.metadata.name} failed${
            failed.message ? `: ${failed.message}` : ''
          }`,
          since: failed.lastTransitionTime ?? now.toISOString(),
        },
      ];
    }
  }
  if (object.kind === 'HorizontalPodAutoscaler') {
    const max = Number(object.spec?.maxReplicas);
    const current = Number(object.status?.currentReplicas);
    const desired = Number(object.status?.desiredReplicas);
    const limited = condition(object, 'ScalingLimited');
    const wantsMore =
      (limited?.status === 'True' && limited.reason === 'TooManyReplicas') ||
      desired > max;
    if (Number.isFinite(max) && current >= max && wantsMore) {
      const target = object.spec?.scaleTargetRef?.name ?? object.metadata.name;
      return [
        {
          workload: `${object.spec?.scaleTargetRef?.kind ?? 'Deployment'} ${
            object.metadata.namespace ?? 'default'
          }/${target}`,
          code: 'HPAAtMaxReplicas',
          severity: 'medium',
          category: 'performance',
          message: `The autoscaler of ${target} is at its maximum of ${max} replicas and wants more`,
          since: limited?.lastTransitionTime ?? now.toISOString(),
        },
      ];
    }
  }
  return [];
}

/**
 * Every problem among one entity's objects, one per workload, container
 * and code; where several pods share one, the message says how many.
 */
export function workloadProblems(
  objects: KubernetesObject[],
  rules: ProblemRules,
  now: Date,
): WorkloadProblem[] {
  const replicaSets = new Map(
    objects.filter(o => o.kind === 'ReplicaSet').map(rs => [ref(rs), rs]),
  );
  const grouped = new Map<string, { problem: WorkloadProblem; pods: number }>();
  const podsPerWorkload = new Map<string, number>();
  for (const pod of objects.filter(o => o.kind === 'Pod')) {
    const workload = workloadOfPod(pod, replicaSets);
    podsPerWorkload.set(workload, (podsPerWorkload.get(workload) ?? 0) + 1);
    for (const problem of podProblems(pod, rules, now)) {
      const key = `${workload}\n${problem.container ?? ''}\n${problem.code}`;
      const known = grouped.get(key);
      if (!known) {
        grouped.set(key, { problem: { ...problem, workload }, pods: 1 });
      } else {
        known.pods += 1;
        if (Date.parse(problem.since) < Date.parse(known.problem.since)) {
          known.problem.since = problem.since;
        }
      }
    }
  }
  const fromPods = [...grouped.values()].map(({ problem, pods }) => {
    const of = podsPerWorkload.get(problem.workload) ?? pods;
    return of > 1
      ? {
          ...problem,
          message: `${problem.message} (${pods} of ${of} pods of ${problem.workload})`,
        }
      : { ...problem, message: `${problem.message} (${problem.workload})` };
  });
  return [...fromPods, ...objects.flatMap(o => workloadStatusProblems(o, now))];
}
