import { Entity } from '@backstage/catalog-model';
import { mergeFacts } from './FactProvider';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'CartService' },
  spec: {},
};

describe('mergeFacts', () => {
  it('combines providers, keeping declared and live Kubernetes objects side by side', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'cartservice' },
    };
    const facts = mergeFacts(entity, [
      { catalog: { ownerExists: true } },
      undefined,
      {
        kubernetes: { declared: [deployment] },
        repository: { paths: [], files: {} },
      },
      { kubernetes: { live: [] } },
    ]);
    expect(facts).toEqual({
      entity,
      catalog: { ownerExists: true },
      repository: { paths: [], files: {} },
      kubernetes: { declared: [deployment], live: [] },
    });
  });
});
