import { KubernetesObject } from '@opsready/plugin-opsready-node';
import { rolloutsOf, versionOfImage } from './rollouts';

const deployment = (
  revision: number,
  progressing: object,
): KubernetesObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'checkout',
    namespace: 'shop',
    uid: 'dep-uid',
    annotations: { 'deployment.kubernetes.io/revision': String(revision) },
  },
  status: { conditions: [{ type: 'Progressing', ...progressing }] },
});

const replicaSet = (
  name: string,
  image: string,
  createdAt: string,
  revision: number,
  history?: string,
  owner = 'dep-uid',
): KubernetesObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name,
    namespace: 'shop',
    creationTimestamp: createdAt,
    annotations: {
      'deployment.kubernetes.io/revision': String(revision),
      ...(history
        ? { 'deployment.kubernetes.io/revision-history': history }
        : {}),
    },
    ownerReferences: [{ kind: 'Deployment', name: 'checkout', uid: owner }],
  },
  spec: {
    template: {
      spec: {
        containers: [
          { name: 'istio-proxy', image: 'istio/proxyv2:1.20.0' },
          { name: 'checkout', image: `registry.example.com/shop/${image}` },
        ],
      },
    },
  },
});

describe('versionOfImage', () => {
  it('reads the tag, a short digest, or latest when there is neither', () => {
    expect(versionOfImage('registry.example.com:5000/shop/cart:v1.4.2')).toBe(
      'v1.4.2',
    );
    expect(
      versionOfImage(
        'cart@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      ),
    ).toBe('sha256:0123456789ab');
    expect(versionOfImage('registry.example.com:5000/cart')).toBe('latest');
  });
});

describe('rolloutsOf', () => {
  it('gives one rollout per revision, dated by its ReplicaSet, with a rollback that reused an old ReplicaSet', () => {
    // v1 went out 10 days ago, v2 5 days ago, v3 2 days ago, and yesterday
    // `kubectl rollout undo` took v2's ReplicaSet back as revision 4.
    const rollouts = rolloutsOf(
      deployment(4, {
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        lastUpdateTime: '2026-11-30T10:05:00Z',
      }),
      [
        replicaSet('checkout-a', 'checkout:1.0.0', '2026-11-21T10:00:00Z', 1),
        replicaSet(
          'checkout-b',
          'checkout:1.1.0',
          '2026-11-26T10:00:00Z',
          4,
          '2',
        ),
        replicaSet('checkout-c', 'checkout:1.2.0', '2026-11-29T10:00:00Z', 3),
        // Another Deployment's ReplicaSet with the same labels is not ours.
        replicaSet(
          'other-x',
          'checkout:9.9.9',
          '2026-11-29T11:00:00Z',
          1,
          undefined,
          'other-uid',
        ),
      ],
    );
    expect(
      rollouts.map(r => [r.revision, r.version, r.startedAt, r.status]),
    ).toEqual([
      [1, '1.0.0', '2026-11-21T10:00:00Z', 'succeeded'],
      [2, '1.1.0', '2026-11-26T10:00:00Z', 'succeeded'],
      [3, '1.2.0', '2026-11-29T10:00:00Z', 'succeeded'],
      [4, '1.1.0', '2026-11-30T10:05:00Z', 'succeeded'],
    ]);
    // Kubernetes dates the rollback by one moment: its duration is unknown.
    expect(rollouts[3].finishedAt).toBeUndefined();
    expect(rollouts[0].finishedAt).toBeUndefined();
    expect(rollouts[0].workload).toBe('shop/checkout');
  });

  it('marks the current rollout failed past its progress deadline, and running while it progresses', () => {
    const sets = [
      replicaSet('checkout-a', 'checkout:1.0.0', '2026-11-21T10:00:00Z', 1),
      replicaSet('checkout-b', 'checkout:1.1.0', '2026-11-30T10:00:00Z', 2),
    ];
    const failed = rolloutsOf(
      deployment(2, {
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
        lastUpdateTime: '2026-11-30T10:10:00Z',
      }),
      sets,
    );
    expect(failed.map(r => [r.version, r.status])).toEqual([
      ['1.0.0', 'succeeded'],
      ['1.1.0', 'failed'],
    ]);
    expect(failed[1].finishedAt).toBe('2026-11-30T10:10:00Z');

    const running = rolloutsOf(
      deployment(2, { status: 'True', reason: 'ReplicaSetUpdated' }),
      sets,
    );
    expect(running[1]).toMatchObject({ status: 'started' });
    expect(running[1].finishedAt).toBeUndefined();
  });
});
