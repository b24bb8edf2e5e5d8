import { dependenciesCheck } from './dependenciesCheck';
import { component, evaluate } from './testFacts';

describe('catalog.dependencies', () => {
  it('passes declared components, resources and APIs, and lists them', () => {
    expect(
      evaluate(dependenciesCheck, {
        entity: component({
          spec: {
            dependsOn: ['resource:default/cart-db'],
            consumesApis: ['api:default/payments-api'],
          },
        }),
      }),
    ).toEqual({
      status: 'pass',
      message:
        'Declares 2 dependencies: resource:default/cart-db, api:default/payments-api.',
      evidence: {
        dependsOn: ['resource:default/cart-db'],
        consumesApis: ['api:default/payments-api'],
      },
    });
  });

  it('passes APIs alone', () => {
    expect(
      evaluate(dependenciesCheck, {
        entity: component({ spec: { consumesApis: ['api:default/stock'] } }),
      }).message,
    ).toBe('Declares 1 dependency: api:default/stock.');
  });

  it('warns, not fails, when nothing is declared: a service may depend on nothing', () => {
    expect(evaluate(dependenciesCheck)).toEqual({
      status: 'warn',
      message:
        'Declares no dependencies; if the service calls a database, another service or an API, list it in spec.dependsOn or spec.consumesApis.',
      evidence: { dependsOn: [], consumesApis: [] },
    });
  });

  it('ignores blank and malformed entries instead of throwing', () => {
    expect(
      evaluate(dependenciesCheck, {
        entity: component({
          spec: { dependsOn: ['', null, 3], consumesApis: 'x' },
        }),
      }),
    ).toMatchObject({
      status: 'pass',
      evidence: { dependsOn: [], consumesApis: ['x'] },
    });
    expect(
      evaluate(dependenciesCheck, {
        entity: component({ spec: { dependsOn: ['  '] } }),
      }).status,
    ).toBe('warn');
  });
});
