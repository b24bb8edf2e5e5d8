import { pdbCheck } from './pdbCheck';
import { component, deployment, evaluate, pdb, workload } from './testFacts';

describe('kubernetes.pdb', () => {
  it('passes when a PodDisruptionBudget selects the pods of each workload', () => {
    expect(
      evaluate(pdbCheck, {
        declared: [deployment(), pdb()],
        live: [deployment(), pdb()],
      }),
    ).toEqual({
      status: 'pass',
      message:
        'Every production Deployment and StatefulSet has a PodDisruptionBudget selecting its pods.',
      evidence: { checked: 2, sides: ['declared', 'live'] },
    });
  });

  it('fails when there is no budget, naming the pod labels to select', () => {
    expect(
      evaluate(pdbCheck, {
        declared: [
          deployment('cart', { podLabels: { app: 'cart', tier: 'web' } }),
        ],
      }),
    ).toMatchObject({
      status: 'fail',
      message:
        'Deployment/cart in the manifests has no PodDisruptionBudget selecting its pods (app=cart, tier=web).',
      evidence: {
        offences: [
          {
            side: 'declared',
            object: 'Deployment/cart',
            problem:
              'has no PodDisruptionBudget selecting its pods (app=cart, tier=web)',
          },
        ],
      },
    });
  });

  it('wants a budget that selects these pods, not just any budget', () => {
    const outcome = evaluate(pdbCheck, {
      declared: [
        deployment(),
        pdb('checkout'),
        // Requires a label the pods do not have.
        pdb('cart-web', { matchLabels: { app: 'cart', tier: 'web' } }),
      ],
    });
    expect(outcome.message).toBe(
      'Deployment/cart in the manifests has no PodDisruptionBudget selecting its pods (app=cart).',
    );
  });

  it('accepts a budget selecting a subset of the pod labels, or by expression', () => {
    const labelled = deployment('cart', {
      podLabels: { app: 'cart', tier: 'web' },
    });
    for (const selector of [
      { matchLabels: { app: 'cart' } },
      { matchExpressions: [{ key: 'app', operator: 'In', values: ['cart'] }] },
      {
        matchLabels: { tier: 'web' },
        matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }],
      },
    ]) {
      expect(
        evaluate(pdbCheck, { declared: [labelled, pdb('any', selector)] })
          .status,
      ).toBe('pass');
    }
    expect(
      evaluate(pdbCheck, {
        declared: [
          labelled,
          pdb('any', {
            matchExpressions: [
              { key: 'tier', operator: 'NotIn', values: ['web'] },
            ],
          }),
        ],
      }).status,
    ).toBe('fail');
  });

  it('reads an empty selector as policy/v1 does (every pod) and policy/v1beta1 did (none)', () => {
    expect(
      evaluate(pdbCheck, { declared: [deployment(), pdb('all', {})] }).status,
    ).toBe('pass');
    expect(
      evaluate(pdbCheck, {
        declared: [deployment(), pdb('all', {}, 'policy/v1beta1')],
      }).status,
    ).toBe('fail');
  });

  it('ignores a budget in another namespace', () => {
    const budget = pdb();
    budget.metadata.namespace = 'staging';
    expect(
      evaluate(pdbCheck, {
        live: [deployment('cart', { namespace: 'shop' }), budget],
      }).message,
    ).toBe(
      'Deployment/cart in the cluster has no PodDisruptionBudget selecting its pods (app=cart).',
    );
  });

  it('fails the cluster side when the budget was never applied there', () => {
    expect(
      evaluate(pdbCheck, {
        declared: [deployment(), pdb()],
        live: [deployment()],
      }).message,
    ).toBe(
      'Deployment/cart in the cluster has no PodDisruptionBudget selecting its pods (app=cart).',
    );
  });

  it('holds StatefulSets, and not DaemonSets', () => {
    expect(
      evaluate(pdbCheck, {
        declared: [
          workload('StatefulSet', 'db'),
          workload('DaemonSet', 'agent'),
        ],
      }).message,
    ).toBe(
      'StatefulSet/db in the manifests has no PodDisruptionBudget selecting its pods (app=db).',
    );
  });

  it('does not apply outside production lifecycles', () => {
    expect(
      evaluate(
        pdbCheck,
        { declared: [deployment()] },
        { entity: component('experimental') },
      ),
    ).toEqual({
      status: 'not-applicable',
      message:
        "A PodDisruptionBudget is required of production services only (lifecycle production); this one's lifecycle is experimental.",
    });
  });
});
