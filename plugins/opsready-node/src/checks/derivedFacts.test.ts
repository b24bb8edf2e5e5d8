import { derived, withDerivedFacts } from './derivedFacts';
import { evaluateChecks } from './evaluateChecks';
import { probesCheck, resourcesCheck } from './kubernetes';
import {
  CheckDefinition,
  defaultCheckOptions,
  KubernetesObject,
  ServiceFacts,
} from './types';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team' },
};

function deployment(container: object): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'cart' },
    spec: { template: { spec: { containers: [container] } } },
  };
}

describe('derived', () => {
  it('derives once within an evaluation of the same facts', () => {
    const facts: ServiceFacts = { entity };
    const derive = jest.fn(() => ({}));
    const [first, second] = withDerivedFacts(facts, () => [
      derived(facts, derive),
      derived(facts, derive),
    ]);
    expect(derive).toHaveBeenCalledTimes(1);
    expect(first).toBe(second);
  });

  it('derives afresh outside an evaluation, and for other facts', () => {
    const facts: ServiceFacts = { entity };
    const other: ServiceFacts = { entity };
    const derive = jest.fn(() => ({}));
    derived(facts, derive);
    withDerivedFacts(facts, () => derived(other, derive));
    expect(derive).toHaveBeenCalledTimes(2);
  });

  it('forgets what was derived when the evaluation ends, even by throwing', () => {
    const facts: ServiceFacts = { entity };
    const derive = jest.fn(() => ({}));
    expect(() =>
      withDerivedFacts(facts, () => {
        derived(facts, derive);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    withDerivedFacts(facts, () => derived(facts, derive));
    expect(derive).toHaveBeenCalledTimes(2);
  });
});

describe('evaluateChecks and derived facts', () => {
  it('sees facts changed between two calls', () => {
    const probe = { httpGet: { path: '/healthz', port: 8080 } };
    const facts: ServiceFacts = {
      entity,
      kubernetes: {
        declared: [
          deployment({
            name: 'server',
            readinessProbe: probe,
            livenessProbe: probe,
          }),
        ],
      },
    };
    const checks = [probesCheck, resourcesCheck];
    expect(evaluateChecks(checks, facts)[0].status).toBe('pass');
    facts.kubernetes!.declared = [deployment({ name: 'server' })];
    expect(evaluateChecks(checks, facts)[0].status).toBe('fail');
  });

  it('derives the same for every check of one call as each would alone', () => {
    const facts: ServiceFacts = {
      entity,
      kubernetes: { declared: [deployment({ name: 'server' })] },
    };
    const checks: CheckDefinition[] = [probesCheck, resourcesCheck];
    const alone = checks.map(check => ({
      checkId: check.id,
      ...check.evaluate(facts, {
        now: new Date(),
        options: defaultCheckOptions,
      }),
    }));
    expect(evaluateChecks(checks, facts)).toEqual(alone);
  });
});
