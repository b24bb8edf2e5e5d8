import { KubernetesObject } from '../types';
import { driftCheck } from './driftCheck';
import { container, deployment, evaluate, hpa, service } from './testFacts';

/** A workload as the API returns it: defaults filled in, status set. */
function asRunning(object: KubernetesObject): KubernetesObject {
  const copy = JSON.parse(JSON.stringify(object));
  copy.metadata = { ...copy.metadata, namespace: 'shop', uid: 'u-1' };
  copy.spec.template.spec.containers = copy.spec.template.spec.containers.map(
    (c: any) => ({
      ...c,
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
    }),
  );
  copy.status = { replicas: copy.spec.replicas, readyReplicas: 3 };
  return copy;
}

describe('kubernetes.drift', () => {
  it('passes when what runs matches the manifests, API defaults notwithstanding', () => {
    expect(
      evaluate(driftCheck, {
        declared: [deployment(), service()],
        live: [asRunning(deployment()), service()],
      }),
    ).toEqual({
      status: 'pass',
      message:
        'The one workload found both in the manifests and in the cluster runs the same images, replicas and probes.',
      evidence: {
        compared: ['Deployment/cart'],
        onlyInManifests: [],
        onlyInCluster: [],
      },
    });
  });

  it('warns about an image changed in the cluster', () => {
    const outcome = evaluate(driftCheck, {
      declared: [deployment()],
      live: [
        deployment('cart', {
          containers: [container({ image: 'registry.example.com/cart:1.4.3' })],
        }),
      ],
    });
    expect(outcome).toMatchObject({
      status: 'warn',
      message:
        'The cluster differs from the manifests: Deployment/cart container server runs registry.example.com/cart:1.4.3 where the manifests say registry.example.com/cart:1.4.2.',
      evidence: {
        compared: ['Deployment/cart'],
        differences: [
          {
            workload: 'Deployment/cart',
            container: 'server',
            field: 'image',
            declared: 'registry.example.com/cart:1.4.2',
            live: 'registry.example.com/cart:1.4.3',
          },
        ],
      },
    });
  });

  it('warns about a replica count changed by hand, reading a missing one as 1', () => {
    expect(
      evaluate(driftCheck, {
        declared: [deployment('cart', { replicas: undefined })],
        live: [deployment('cart', { replicas: 5 })],
      }).message,
    ).toBe(
      'The cluster differs from the manifests: Deployment/cart runs 5 replicas where the manifests say 1.',
    );
  });

  it('leaves alone the replica count of an autoscaled workload, the autoscaler being on either side', () => {
    for (const autoscaler of [
      { declared: [hpa('Deployment/cart', 2)], live: [] },
      { declared: [], live: [hpa('Deployment/cart', 2)] },
    ]) {
      expect(
        evaluate(driftCheck, {
          declared: [
            deployment('cart', { replicas: 2 }),
            ...autoscaler.declared,
          ],
          live: [deployment('cart', { replicas: 7 }), ...autoscaler.live],
        }).status,
      ).toBe('pass');
    }
  });

  it('warns about probes present on one side only', () => {
    expect(
      evaluate(driftCheck, {
        declared: [
          deployment('cart', {
            containers: [container({ livenessProbe: undefined })],
          }),
        ],
        live: [
          deployment('cart', {
            containers: [container({ readinessProbe: undefined })],
          }),
        ],
      }).message,
    ).toBe(
      'The cluster differs from the manifests: Deployment/cart container server has no readinessProbe in the cluster but one in the manifests; Deployment/cart container server has a livenessProbe in the cluster but none in the manifests.',
    );
  });

  it('warns about containers added or removed in the cluster', () => {
    const outcome = evaluate(driftCheck, {
      declared: [
        deployment('cart', {
          containers: [container(), container({ name: 'metrics' })],
        }),
      ],
      live: [
        deployment('cart', {
          containers: [container(), container({ name: 'debug' })],
        }),
      ],
    });
    expect(outcome.message).toBe(
      'The cluster differs from the manifests: Deployment/cart container metrics is in the manifests but not in the cluster; Deployment/cart container debug runs in the cluster but is not in the manifests.',
    );
  });

  it('names the first three differences and counts the rest', () => {
    const changed = (name: string) =>
      deployment(name, { containers: [container({ image: `${name}:2.0.0` })] });
    const names = ['a', 'b', 'c', 'd'];
    const outcome = evaluate(driftCheck, {
      declared: names.map(name => deployment(name)),
      live: names.map(changed),
    });
    expect(outcome.message).toMatch(/ \(and 1 more\)\.$/);
    expect(outcome.evidence?.differences).toHaveLength(4);
  });

  it('compares each cluster copy of a workload, saying each difference once', () => {
    const old = deployment('cart', {
      containers: [container({ image: 'registry.example.com/cart:1.4.1' })],
    });
    const outcome = evaluate(driftCheck, {
      declared: [deployment()],
      live: [asRunning(deployment()), old, old],
    });
    expect(outcome.status).toBe('warn');
    expect(outcome.evidence?.differences).toHaveLength(1);
  });

  it('compares only workloads found on both sides, listing the others', () => {
    expect(
      evaluate(driftCheck, {
        declared: [deployment(), deployment('checkout'), deployment('worker')],
        live: [deployment(), deployment('checkout'), deployment('legacy')],
      }),
    ).toEqual({
      status: 'pass',
      message:
        'All 2 workloads found both in the manifests and in the cluster run the same images, replicas and probes.',
      evidence: {
        compared: ['Deployment/cart', 'Deployment/checkout'],
        onlyInManifests: ['Deployment/worker'],
        onlyInCluster: ['Deployment/legacy'],
      },
    });
  });

  it('answers unknown when no workload is on both sides', () => {
    expect(
      evaluate(driftCheck, {
        declared: [deployment('worker')],
        live: [deployment('legacy')],
      }),
    ).toEqual({
      status: 'unknown',
      message:
        'No workload of the manifests (Deployment/worker) runs in the cluster under the same kind and name (the cluster runs Deployment/legacy).',
      evidence: {
        onlyInManifests: ['Deployment/worker'],
        onlyInCluster: ['Deployment/legacy'],
      },
    });
  });

  it('is pending while the clusters, read, run nothing of the entity yet', () => {
    expect(
      evaluate(driftCheck, { declared: [deployment()], live: [] }),
    ).toEqual({
      status: 'pending',
      message:
        'Waiting for the first deployment: no workload of this entity runs in a cluster yet to compare with the manifests.',
    });
  });

  it('answers unknown when either side is missing, saying which', () => {
    expect(evaluate(driftCheck, { declared: [deployment()] })).toEqual({
      status: 'unknown',
      message:
        'Drift needs the cluster too: no workload of this entity was found running in a cluster to compare with the manifests.',
    });
    expect(
      evaluate(driftCheck, { declared: [service()], live: [deployment()] }),
    ).toEqual({
      status: 'unknown',
      message:
        "Drift needs the manifests too: no workload was found in the repository's manifests to compare with the cluster.",
    });
  });
});
