import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogFactProvider } from './CatalogFactProvider';

const component = (name: string, owner?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', ...(owner ? { owner } : {}) },
});

describe('CatalogFactProvider', () => {
  it('tells whether each owner exists, asking the catalog once per batch', async () => {
    const payments: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'payments', namespace: 'default' },
      spec: { type: 'team', children: [] },
    };
    const catalog = catalogServiceMock({ entities: [payments] });
    const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    const provider = new CatalogFactProvider({
      catalog,
      auth: mockServices.auth(),
    });

    const facts = await provider.gather([
      component('checkout', 'payments'),
      component('refunds', 'group:default/payments'),
      component('cart', 'group:default/nobody'),
      component('orphan'),
    ]);

    expect(Object.fromEntries(facts)).toEqual({
      'component:default/checkout': { catalog: { ownerExists: true } },
      'component:default/refunds': { catalog: { ownerExists: true } },
      'component:default/cart': { catalog: { ownerExists: false } },
      'component:default/orphan': { catalog: { ownerExists: false } },
    });
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);
  });
});
