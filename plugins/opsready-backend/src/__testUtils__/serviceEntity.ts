import { Entity } from '@backstage/catalog-model';

/** A service component in the default namespace with the given annotations. */
export const serviceEntity = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service' },
});
