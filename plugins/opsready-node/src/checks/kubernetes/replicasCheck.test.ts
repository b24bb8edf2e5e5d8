import { replicasCheck } from './replicasCheck';
import { component, deployment, evaluate, hpa, workload } from './testFacts';

describe('kubernetes.replicas', () => {
  it('passes a production Deployment running two replicas or more', () => {
    expect(
      evaluate(replicasCheck, {
        declared: [deployment('cart', { replicas: 2 })],
      }),
    ).toEqual({
      status: 'pass',
      message:
        'Every production Deployment and StatefulSet keeps at least two replicas.',
      evidence: { checked: 1, sides: ['declared'] },
    });
  });

  it('fails a Deployment without spec.replicas: Kubernetes runs one', () => {
    expect(
      evaluate(replicasCheck, {
        declared: [deployment('cart', { replicas: undefined })],
      }),
    ).toMatchObject({
      status: 'fail',
      message:
        'Deployment/cart in the manifests runs 1 replica and has no autoscaler.',
      evidence: {
        offences: [
          {
            side: 'declared',
            object: 'Deployment/cart',
            problem: 'runs 1 replica and has no autoscaler',
          },
        ],
      },
    });
  });

  it('fails a workload scaled to zero, and holds StatefulSets too', () => {
    expect(
      evaluate(replicasCheck, {
        live: [workload('StatefulSet', 'db', { replicas: 0 })],
      }).message,
    ).toBe(
      'StatefulSet/db in the cluster runs 0 replicas and has no autoscaler.',
    );
  });

  it('passes a single-replica Deployment an autoscaler keeps at two or more', () => {
    expect(
      evaluate(replicasCheck, {
        declared: [
          deployment('cart', { replicas: undefined }),
          hpa('Deployment/cart', 2),
        ],
      }).status,
    ).toBe('pass');
  });

  it('fails an autoscaler without minReplicas: it defaults to 1', () => {
    expect(
      evaluate(replicasCheck, {
        declared: [deployment('cart', { replicas: 1 }), hpa('Deployment/cart')],
      }).message,
    ).toBe(
      'Deployment/cart in the manifests is scaled by HorizontalPodAutoscaler/cart down to minReplicas 1.',
    );
  });

  it('goes by the autoscaler, which owns the count, even when spec.replicas says more', () => {
    expect(
      evaluate(replicasCheck, {
        live: [deployment('cart', { replicas: 4 }), hpa('Deployment/cart', 1)],
      }),
    ).toMatchObject({
      status: 'fail',
      message:
        'Deployment/cart in the cluster is scaled by HorizontalPodAutoscaler/cart down to minReplicas 1.',
    });
  });

  it('ignores autoscalers of other workloads, kinds or namespaces', () => {
    const single = deployment('cart', { replicas: 1, namespace: 'shop' });
    for (const other of [
      hpa('Deployment/checkout', 3),
      hpa('StatefulSet/cart', 3),
      hpa('Deployment/cart', 3, 'staging'),
    ]) {
      expect(
        evaluate(replicasCheck, { declared: [single, other] }).message,
      ).toBe(
        'Deployment/cart in the manifests runs 1 replica and has no autoscaler.',
      );
    }
  });

  it('judges each side with its own objects: an autoscaler in the manifests does not scale the cluster', () => {
    const outcome = evaluate(replicasCheck, {
      declared: [
        deployment('cart', { replicas: 1 }),
        hpa('Deployment/cart', 2),
      ],
      live: [deployment('cart', { replicas: 1 })],
    });
    expect(outcome.message).toBe(
      'Deployment/cart in the cluster runs 1 replica and has no autoscaler.',
    );
  });

  it('does not apply when the only workloads are DaemonSets and Jobs', () => {
    expect(
      evaluate(replicasCheck, {
        declared: [workload('DaemonSet', 'agent'), workload('Job', 'migrate')],
      }),
    ).toEqual({
      status: 'not-applicable',
      message:
        'No Deployment or StatefulSet was found; the workloads found (DaemonSets, Jobs) are not replicated this way.',
    });
  });

  it('does not apply outside production lifecycles, whatever the facts', () => {
    expect(
      evaluate(
        replicasCheck,
        { declared: [deployment('cart', { replicas: 1 })] },
        { entity: component('experimental') },
      ),
    ).toEqual({
      status: 'not-applicable',
      message:
        "Running at least two replicas is required of production services only (lifecycle production); this one's lifecycle is experimental.",
    });
    expect(
      evaluate(replicasCheck, undefined, { entity: component(null) }).message,
    ).toBe(
      "Running at least two replicas is required of production services only (lifecycle production); this one's lifecycle is not set.",
    );
  });

  it('follows the configured production lifecycles, ignoring case', () => {
    const single = { declared: [deployment('cart', { replicas: 1 })] };
    const options = { productionLifecycles: ['prod', 'live'] };
    expect(
      evaluate(replicasCheck, single, { entity: component('Live'), options })
        .status,
    ).toBe('fail');
    expect(
      evaluate(replicasCheck, single, {
        entity: component('production'),
        options,
      }).status,
    ).toBe('not-applicable');
  });
});
