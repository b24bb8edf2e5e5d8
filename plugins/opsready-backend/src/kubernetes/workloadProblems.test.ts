import { KubernetesObject } from '@opsready/plugin-opsready-node';
import { workloadProblems } from './workloadProblems';

const now = new Date('2026-12-01T12:00:00Z');
const rules = { restartThreshold: 3, graceMs: 5 * 60_000 };
const minutesAgo = (m: number) =>
  new Date(now.getTime() - m * 60_000).toISOString();

const replicaSet: KubernetesObject = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name: 'cart-5d8f',
    namespace: 'shop',
    ownerReferences: [{ kind: 'Deployment', name: 'cart', uid: 'd1' }],
  },
};

let podCount = 0;
const pod = (status: object, owner = 'cart-5d8f'): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: `cart-5d8f-${++podCount}`,
    namespace: 'shop',
    ownerReferences: [{ kind: 'ReplicaSet', name: owner, uid: 'r1' }],
  },
  status,
});

const running = (name = 'server', extra: object = {}) => ({
  name,
  ready: true,
  restartCount: 0,
  state: { running: { startedAt: minutesAgo(60) } },
  ...extra,
});

const healthy = () =>
  pod({
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [running()],
  });

const codes = (objects: KubernetesObject[]) =>
  workloadProblems(objects, rules, now).map(p => p.code);

describe('workloadProblems', () => {
  it('finds nothing wrong with healthy pods', () => {
    expect(
      workloadProblems([replicaSet, healthy(), healthy()], rules, now),
    ).toEqual([]);
  });

  it('reports a crash loop once per workload and container, saying how many pods and the last exit', () => {
    const crashing = () =>
      pod({
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [
          {
            name: 'server',
            ready: false,
            restartCount: 17,
            state: {
              waiting: {
                reason: 'CrashLoopBackOff',
                message: 'back-off 5m0s restarting failed container=server',
              },
            },
            lastState: {
              terminated: {
                reason: 'Error',
                exitCode: 1,
                finishedAt: minutesAgo(5),
              },
            },
          },
        ],
      });
    const problems = workloadProblems(
      [replicaSet, crashing(), crashing(), healthy()],
      rules,
      now,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      workload: 'Deployment shop/cart',
      container: 'server',
      code: 'CrashLoopBackOff',
      severity: 'high',
      category: 'configuration',
      since: minutesAgo(5),
    });
    expect(problems[0].message).toContain('last exit code 1 (Error)');
    expect(problems[0].message).toContain('17 restarts');
    expect(problems[0].message).toContain(
      '(2 of 3 pods of Deployment shop/cart)',
    );
  });

  it.each([
    ['ImagePullBackOff'],
    ['ErrImagePull'],
    ['InvalidImageName'],
    ['CreateContainerConfigError'],
  ])('reports a container waiting on %s as a configuration error', reason => {
    const problems = workloadProblems(
      [
        replicaSet,
        pod({
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'True' }],
          containerStatuses: [
            { name: 'server', restartCount: 0, state: { waiting: { reason } } },
          ],
        }),
      ],
      rules,
      now,
    );
    expect(problems.map(p => [p.code, p.category])).toEqual([
      [reason, 'configuration'],
    ]);
  });

  it('reports an OOM kill at once, and other non-zero exits once they repeat', () => {
    const exited = (reason: string, exitCode: number, restartCount: number) =>
      pod({
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [
          running('server', {
            restartCount,
            lastState: {
              terminated: { reason, exitCode, finishedAt: minutesAgo(41) },
            },
          }),
        ],
      });
    const oom = workloadProblems(
      [replicaSet, exited('OOMKilled', 137, 1)],
      rules,
      now,
    );
    expect(oom.map(p => [p.code, p.category, p.since])).toEqual([
      ['OOMKilled', 'resource', minutesAgo(41)],
    ]);
    expect(oom[0].message).toContain('more memory than its limit');
    expect(codes([replicaSet, exited('Error', 2, 1)])).toEqual([]);
    expect(codes([replicaSet, exited('Error', 2, 4)])).toEqual([
      'ContainerExited',
    ]);
  });

  it('reports restarts past the threshold when nothing else explains them', () => {
    expect(
      codes([
        replicaSet,
        pod({
          phase: 'Running',
          containerStatuses: [running('server', { restartCount: 5 })],
        }),
      ]),
    ).toEqual(['Restarting']);
  });

  it('gives pending and unready pods their grace time, then reports them', () => {
    const unschedulable = (minutes: number) =>
      pod({
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/3 nodes are available: 3 Insufficient memory.',
            lastTransitionTime: minutesAgo(minutes),
          },
        ],
      });
    expect(codes([unschedulable(2)])).toEqual([]);
    const [problem] = workloadProblems(
      [replicaSet, unschedulable(30)],
      rules,
      now,
    );
    expect(problem).toMatchObject({
      code: 'Unschedulable',
      category: 'resource',
    });
    expect(problem.message).toContain('3 Insufficient memory');

    const unready = (minutes: number) =>
      pod({
        phase: 'Running',
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            lastTransitionTime: minutesAgo(minutes),
          },
        ],
        containerStatuses: [running('server', { ready: false })],
      });
    expect(codes([replicaSet, unready(1)])).toEqual([]);
    expect(codes([replicaSet, unready(10)])).toEqual(['ReadinessFailing']);
  });

  it('reports evicted pods and failing init containers', () => {
    expect(
      codes([
        replicaSet,
        pod({
          phase: 'Failed',
          reason: 'Evicted',
          message: 'The node was low on resource: memory.',
        }),
      ]),
    ).toEqual(['Evicted']);
    expect(
      codes([
        replicaSet,
        pod({
          phase: 'Pending',
          initContainerStatuses: [
            {
              name: 'migrate',
              restartCount: 4,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { exitCode: 1, reason: 'Error' } },
            },
          ],
          containerStatuses: [
            {
              name: 'server',
              state: { waiting: { reason: 'PodInitializing' } },
            },
          ],
        }),
      ]),
    ).toEqual(['Init:CrashLoopBackOff']);
  });

  it('reads failed jobs, stuck rollouts and autoscalers pinned at their maximum from the workloads themselves', () => {
    const problems = workloadProblems(
      [
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: { name: 'cart-migrate', namespace: 'shop' },
          status: {
            conditions: [
              {
                type: 'Failed',
                status: 'True',
                reason: 'BackoffLimitExceeded',
                message: 'Job has reached the specified backoff limit',
                lastTransitionTime: minutesAgo(20),
              },
            ],
          },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'cart', namespace: 'shop' },
          status: {
            conditions: [
              {
                type: 'Progressing',
                status: 'False',
                reason: 'ProgressDeadlineExceeded',
                message: 'ReplicaSet "cart-6c9f" has timed out progressing.',
                lastTransitionTime: minutesAgo(15),
              },
            ],
          },
        },
        {
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          metadata: { name: 'cart', namespace: 'shop' },
          spec: {
            maxReplicas: 3,
            scaleTargetRef: { kind: 'Deployment', name: 'cart' },
          },
          status: {
            currentReplicas: 3,
            desiredReplicas: 3,
            conditions: [
              {
                type: 'ScalingLimited',
                status: 'True',
                reason: 'TooManyReplicas',
                lastTransitionTime: minutesAgo(90),
              },
            ],
          },
        },
      ],
      rules,
      now,
    );
    expect(problems.map(p => [p.workload, p.code, p.category])).toEqual([
      ['Job shop/cart-migrate', 'BackoffLimitExceeded', 'configuration'],
      ['Deployment shop/cart', 'ProgressDeadlineExceeded', 'configuration'],
      ['Deployment shop/cart', 'HPAAtMaxReplicas', 'performance'],
    ]);
  });
});
