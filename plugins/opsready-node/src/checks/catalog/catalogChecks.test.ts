import { evaluateChecks } from '../evaluateChecks';
import { component, evaluate } from './testFacts';
import { catalogChecks, descriptionCheck, ownerCheck, systemCheck } from '.';

describe('catalog.owner', () => {
  it('passes an owner that exists in the catalog', () => {
    expect(evaluate(ownerCheck, { catalog: { ownerExists: true } })).toEqual({
      status: 'pass',
      message: 'Owned by group:default/storefront.',
      evidence: { owner: 'group:default/storefront', ownerExists: true },
    });
  });

  it('fails an owner the catalog does not know', () => {
    expect(evaluate(ownerCheck, { catalog: { ownerExists: false } })).toEqual({
      status: 'fail',
      message: 'Owner group:default/storefront does not exist in the catalog.',
      evidence: { owner: 'group:default/storefront', ownerExists: false },
    });
  });

  it('warns, rather than passes, when the catalog could not be asked', () => {
    expect(evaluate(ownerCheck)).toEqual({
      status: 'warn',
      message:
        'Owned by group:default/storefront, but the catalog could not be asked whether that owner exists.',
      evidence: { owner: 'group:default/storefront' },
    });
  });

  it.each([
    ['missing', undefined],
    ['blank', '  '],
    ['not a string', 42],
  ])('fails an owner that is %s, whatever the catalog says', (_, owner) => {
    expect(
      evaluate(ownerCheck, {
        entity: component({ spec: { owner } }),
        catalog: { ownerExists: true },
      }),
    ).toEqual({ status: 'fail', message: 'No owner is set.' });
  });
});

describe('catalog.description', () => {
  it('passes a description and fails a blank one', () => {
    expect(
      evaluate(descriptionCheck, {
        entity: component({ metadata: { description: ' Holds carts. ' } }),
      }),
    ).toEqual({
      status: 'pass',
      message: 'Has a description.',
      evidence: { description: 'Holds carts.' },
    });
    expect(
      evaluate(descriptionCheck, {
        entity: component({ metadata: { description: ' ' } }),
      }).status,
    ).toBe('fail');
  });
});

describe('catalog.system', () => {
  it('passes a component in a system and fails one outside any', () => {
    expect(
      evaluate(systemCheck, {
        entity: component({ spec: { system: 'online-boutique' } }),
      }),
    ).toMatchObject({
      status: 'pass',
      evidence: { system: 'online-boutique' },
    });
    expect(evaluate(systemCheck)).toEqual({
      status: 'fail',
      message: 'Not part of any system.',
    });
  });
});

describe('the catalog checks', () => {
  it('do not apply to entities other than components', () => {
    const results = evaluateChecks(catalogChecks, {
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'storefront' },
        spec: { type: 'team', children: [] },
      },
    });
    expect(new Set(results.map(r => r.status))).toEqual(
      new Set(['not-applicable']),
    );
  });
});
