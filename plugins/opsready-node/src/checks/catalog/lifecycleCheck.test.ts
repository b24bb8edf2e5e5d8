import { lifecycleCheck } from './lifecycleCheck';
import { component, evaluate } from './testFacts';

const withLifecycle = (lifecycle: unknown) => ({
  entity: component({ spec: { lifecycle } }),
});

describe('catalog.lifecycle', () => {
  it('passes an allowed lifecycle', () => {
    expect(evaluate(lifecycleCheck, withLifecycle('experimental'))).toEqual({
      status: 'pass',
      message: 'Lifecycle experimental is an allowed lifecycle.',
      evidence: { lifecycle: 'experimental' },
    });
  });

  it('ignores case, as check applicability does', () => {
    expect(evaluate(lifecycleCheck, withLifecycle('Production')).status).toBe(
      'pass',
    );
  });

  it('fails a lifecycle that is not allowed, and names the allowed ones', () => {
    expect(evaluate(lifecycleCheck, withLifecycle('beta'))).toEqual({
      status: 'fail',
      message:
        'Lifecycle beta is not one of the allowed lifecycles: experimental, production, deprecated.',
      evidence: {
        lifecycle: 'beta',
        allowed: ['experimental', 'production', 'deprecated'],
      },
    });
  });

  it('fails a missing lifecycle', () => {
    expect(evaluate(lifecycleCheck, withLifecycle(undefined))).toMatchObject({
      status: 'fail',
      message:
        'No lifecycle is set; set spec.lifecycle to one of experimental, production, deprecated.',
    });
  });

  it('reads the allowed lifecycles from the options', () => {
    const options = { allowedLifecycles: ['alpha', 'ga'] };
    expect(evaluate(lifecycleCheck, withLifecycle('ga'), options).status).toBe(
      'pass',
    );
    expect(
      evaluate(lifecycleCheck, withLifecycle('production'), options),
    ).toMatchObject({
      status: 'fail',
      message:
        'Lifecycle production is not one of the allowed lifecycles: alpha, ga.',
    });
  });
});
