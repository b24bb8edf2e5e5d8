import { providedApisCheck } from './providedApisCheck';
import { component, evaluate } from './testFacts';

describe('catalog.provided-apis', () => {
  it('passes a service that provides an API', () => {
    expect(
      evaluate(providedApisCheck, {
        entity: component({ spec: { providesApis: ['api:default/cart-api'] } }),
      }),
    ).toEqual({
      status: 'pass',
      message: 'Provides api:default/cart-api.',
      evidence: { providesApis: ['api:default/cart-api'] },
    });
  });

  it('fails a service that provides none', () => {
    expect(evaluate(providedApisCheck)).toEqual({
      status: 'fail',
      message:
        'Declares no provided API; register the API the service serves and list it in spec.providesApis.',
      evidence: { providesApis: [] },
    });
  });

  it('does not apply to other types of component, and says why', () => {
    expect(
      evaluate(providedApisCheck, {
        entity: component({ spec: { type: 'website' } }),
      }),
    ).toEqual({
      status: 'not-applicable',
      message:
        'Only components of type service are expected to provide APIs; this one is of type website.',
      evidence: { type: 'website' },
    });
    expect(
      evaluate(providedApisCheck, {
        entity: component({ spec: { type: undefined } }),
      }).message,
    ).toBe(
      'Only components of type service are expected to provide APIs; this one is of type (not set).',
    );
  });

  it('ignores the case of the type', () => {
    expect(
      evaluate(providedApisCheck, {
        entity: component({ spec: { type: 'Service' } }),
      }).status,
    ).toBe('fail');
  });
});
