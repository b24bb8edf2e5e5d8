import { Entity } from '@backstage/catalog-model';
import { evaluateChecks } from '../evaluateChecks';
import { defaultCheckOptions, ServiceFacts } from '../types';
import { kubernetesChecks } from '.';
import {
  component,
  evaluate,
  goldenObjects,
  NO_WORKLOADS,
  pdb,
  service,
} from './testFacts';

function statuses(facts: ServiceFacts) {
  return Object.fromEntries(
    evaluateChecks(kubernetesChecks, facts, {
      now: new Date('2026-11-22T12:00:00Z'),
      options: defaultCheckOptions,
    }).map(result => [result.checkId, result.status]),
  );
}

describe('kubernetesChecks', () => {
  it('lists the nine checks with their weight and severity, in the order they are shown', () => {
    expect(kubernetesChecks.map(c => [c.id, c.weight, c.severity])).toEqual([
      ['kubernetes.probes', 3, 'high'],
      ['kubernetes.resources', 2, 'medium'],
      ['kubernetes.replicas', 2, 'high'],
      ['kubernetes.pdb', 1, 'medium'],
      ['kubernetes.image-pinned', 2, 'high'],
      ['kubernetes.security-context', 2, 'high'],
      ['kubernetes.no-literal-secrets', 3, 'critical'],
      ['kubernetes.ports', 1, 'medium'],
      ['kubernetes.drift', 1, 'medium'],
    ]);
  });

  it.each(kubernetesChecks.map(c => [c.id, c]))(
    '%s is described for people and applies to components',
    (_id, check) => {
      expect(check.category).toBe('kubernetes');
      expect(check.appliesTo).toEqual({ kinds: ['Component'] });
      expect(check.title).not.toBe('');
      expect(check.description).toMatch(/\.$/);
      expect(check.remediation.length).toBeGreaterThan(40);
    },
  );

  it('all pass a workload built the golden way, declared and running alike', () => {
    expect(
      statuses({
        entity: component(),
        kubernetes: { declared: goldenObjects(), live: goldenObjects() },
      }),
    ).toEqual({
      'kubernetes.probes': 'pass',
      'kubernetes.resources': 'pass',
      'kubernetes.replicas': 'pass',
      'kubernetes.pdb': 'pass',
      'kubernetes.image-pinned': 'pass',
      'kubernetes.security-context': 'pass',
      'kubernetes.no-literal-secrets': 'pass',
      'kubernetes.ports': 'pass',
      'kubernetes.drift': 'pass',
    });
  });

  describe.each(kubernetesChecks)('$id', check => {
    it.each([
      ['no Kubernetes facts', undefined],
      ['empty facts', {}],
      ['empty lists', { declared: [], live: [] }],
      ['no live objects', { live: [] }],
      ['only a declared Service', { declared: [service()] }],
      ['only a live Service', { live: [service()] }],
      ['only a declared PodDisruptionBudget', { declared: [pdb()] }],
    ])('answers unknown without any workload to look at: %s', (_, facts) => {
      expect(evaluate(check, facts)).toEqual({
        status: 'unknown',
        message: NO_WORKLOADS,
      });
    });
  });

  it('all answer unknown, never pass, for a service without manifests or live workloads', () => {
    const results = evaluateChecks(
      kubernetesChecks,
      { entity: component() },
      { now: new Date(), options: defaultCheckOptions },
    );
    expect(results.map(r => [r.status, r.message])).toEqual(
      kubernetesChecks.map(() => ['unknown', NO_WORKLOADS]),
    );
  });

  it('do not apply to entities other than components', () => {
    const api: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'cart-api' },
      spec: { type: 'openapi', lifecycle: 'production', owner: 'storefront' },
    };
    expect(
      new Set(
        Object.values(
          statuses({ entity: api, kubernetes: { declared: goldenObjects() } }),
        ),
      ),
    ).toEqual(new Set(['not-applicable']));
  });
});
