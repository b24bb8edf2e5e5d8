import { probesCheck } from './probesCheck';
import { container, deployment, evaluate, workload } from './testFacts';

describe('kubernetes.probes', () => {
  it('passes when every container has both probes, whatever their handler', () => {
    const handlers = [
      { httpGet: { path: '/healthz', port: 8080 } },
      { grpc: { port: 9555 } },
      { tcpSocket: { port: 6379 } },
      { exec: { command: ['pg_isready'] } },
    ];
    const containers = handlers.map((probe, i) =>
      container({
        name: `c${i}`,
        readinessProbe: probe,
        livenessProbe: probe,
      }),
    );
    expect(
      evaluate(probesCheck, { declared: [deployment('cart', { containers })] }),
    ).toEqual({
      status: 'pass',
      message: 'Every container has a readiness and a liveness probe.',
      evidence: { checked: 4, sides: ['declared'] },
    });
  });

  it('fails naming the container, the side and the missing probe', () => {
    const outcome = evaluate(probesCheck, {
      declared: [
        deployment('cart', {
          containers: [container({ livenessProbe: undefined })],
        }),
      ],
    });
    expect(outcome).toEqual({
      status: 'fail',
      message:
        'Deployment/cart container server in the manifests has no livenessProbe.',
      evidence: {
        offences: [
          {
            side: 'declared',
            object: 'Deployment/cart',
            container: 'server',
            problem: 'has no livenessProbe',
          },
        ],
        checked: 1,
        sides: ['declared'],
      },
    });
  });

  it('says both probes are missing in one phrase', () => {
    expect(
      evaluate(probesCheck, {
        declared: [
          deployment('worker', {
            containers: [
              container({
                name: 'main',
                readinessProbe: undefined,
                livenessProbe: undefined,
              }),
            ],
          }),
        ],
      }).message,
    ).toBe(
      'Deployment/worker container main in the manifests has no readinessProbe and no livenessProbe.',
    );
  });

  it('does not count a probe that has timings but nothing to probe with', () => {
    expect(
      evaluate(probesCheck, {
        declared: [
          deployment('cart', {
            containers: [container({ readinessProbe: { periodSeconds: 5 } })],
          }),
        ],
      }),
    ).toMatchObject({
      status: 'fail',
      message:
        'Deployment/cart container server in the manifests has a readinessProbe without httpGet, grpc, tcpSocket or exec.',
    });
  });

  it('fails on the cluster side when the running workload lost a probe the manifests have', () => {
    const outcome = evaluate(probesCheck, {
      declared: [deployment()],
      live: [
        deployment('cart', {
          containers: [container({ readinessProbe: undefined })],
        }),
      ],
    });
    expect(outcome).toMatchObject({
      status: 'fail',
      message:
        'Deployment/cart container server in the cluster has no readinessProbe.',
      evidence: {
        offences: [expect.objectContaining({ side: 'live' })],
        checked: 2,
        sides: ['declared', 'live'],
      },
    });
  });

  it('says a problem found on both sides once, naming both', () => {
    const unprobed = deployment('cart', {
      containers: [container({ readinessProbe: undefined })],
    });
    const outcome = evaluate(probesCheck, {
      declared: [unprobed],
      live: [unprobed],
    });
    expect(outcome.message).toBe(
      'Deployment/cart container server in the manifests and in the cluster has no readinessProbe.',
    );
    expect((outcome.evidence?.offences as any[]).map(o => o.side)).toEqual([
      'declared',
      'live',
    ]);
  });

  it('names the first three offences and counts the rest', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const outcome = evaluate(probesCheck, {
      declared: names.map(name =>
        deployment(name, {
          containers: [container({ livenessProbe: undefined })],
        }),
      ),
    });
    expect(outcome.message).toBe(
      'Deployment/a container server in the manifests has no livenessProbe; Deployment/b container server in the manifests has no livenessProbe; Deployment/c container server in the manifests has no livenessProbe (and 2 more).',
    );
    expect(outcome.evidence?.offences).toHaveLength(5);
  });

  it('holds StatefulSets and DaemonSets too', () => {
    const unprobed = {
      containers: [container({ livenessProbe: undefined })],
    };
    expect(
      evaluate(probesCheck, {
        declared: [
          workload('StatefulSet', 'db', unprobed),
          workload('DaemonSet', 'agent', unprobed),
        ],
      }).message,
    ).toBe(
      'StatefulSet/db container server in the manifests has no livenessProbe; DaemonSet/agent container server in the manifests has no livenessProbe.',
    );
  });

  it('leaves init containers and Jobs alone: they run to completion', () => {
    const unprobed = container({
      name: 'migrate',
      readinessProbe: undefined,
      livenessProbe: undefined,
    });
    expect(
      evaluate(probesCheck, {
        declared: [
          deployment('cart', { initContainers: [unprobed] }),
          workload('Job', 'migrate', { containers: [unprobed] }),
          workload('CronJob', 'report', { containers: [unprobed] }),
        ],
      }),
    ).toMatchObject({ status: 'pass', evidence: { checked: 1 } });
  });

  it('does not apply when the only workloads are Jobs and CronJobs', () => {
    expect(
      evaluate(probesCheck, {
        declared: [workload('CronJob', 'report')],
      }),
    ).toEqual({
      status: 'not-applicable',
      message:
        'Only Jobs and CronJobs were found; they run to completion and need no readiness or liveness probes.',
    });
  });

  it('answers unknown when the workloads found have no containers at all', () => {
    expect(
      evaluate(probesCheck, { live: [deployment('cart', { containers: [] })] }),
    ).toEqual({
      status: 'unknown',
      message: 'The workloads found declare no containers.',
    });
  });
});
