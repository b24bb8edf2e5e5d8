import { Entity } from '@backstage/catalog-model';

// The demo organisation in small: a payments service, a payments engineer
// (pat), a platform engineer (alex) and someone from another team (sam).

/** The payments team's service. */
export const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkoutservice', namespace: 'default' },
  spec: { owner: 'group:default/payments' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
};

/** Each person's ownership entity refs: themselves and their team. */
export const ownership: Record<string, string[]> = {
  'user:default/pat': ['user:default/pat', 'group:default/payments'],
  'user:default/alex': ['user:default/alex', 'group:default/platform'],
  'user:default/sam': ['user:default/sam', 'group:default/storefront'],
};
