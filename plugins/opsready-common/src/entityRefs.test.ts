import { normalizeEntityRef } from './entityRefs';

describe('normalizeEntityRef', () => {
  it('keys an entity by its full ref in lower case', () => {
    expect(
      normalizeEntityRef({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'Payments-API' },
      }),
    ).toBe('component:default/payments-api');
  });

  it('keys a compound ref the same way', () => {
    expect(
      normalizeEntityRef({ kind: 'Group', namespace: 'Ops', name: 'SRE' }),
    ).toBe('group:ops/sre');
  });

  it('fills what a ref string leaves out from the defaults', () => {
    expect(normalizeEntityRef('Platform', { defaultKind: 'group' })).toBe(
      'group:default/platform',
    );
    expect(normalizeEntityRef('component:Shop/Cart')).toBe(
      'component:shop/cart',
    );
  });

  it('refuses a string that is not an entity ref', () => {
    expect(() => normalizeEntityRef(':cart')).toThrow(/not on the form/);
    expect(() => normalizeEntityRef('cart')).toThrow(/missing or empty kind/);
  });
});
