import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogWatch } from './CatalogWatch';

const component = (name: string, etag: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', etag },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
});

describe('CatalogWatch', () => {
  it('evaluates the components that are new or whose etag moved since their evaluation, and no others', async () => {
    const catalog = catalogServiceMock({
      entities: [
        component('same', 'e1'),
        component('edited', 'e3'),
        component('new', 'e1'),
      ],
    });
    const evaluateEntityRefs = jest.fn(async (refs: string[]) => refs.length);
    const watch = new CatalogWatch({
      catalog,
      auth: mockServices.auth(),
      store: {
        getEntityEtags: async () =>
          new Map([
            ['component:default/same', 'e1'],
            ['component:default/edited', 'e2'],
          ]),
      },
      evaluations: { evaluateEntityRefs },
      scheduler: mockServices.scheduler.mock(),
      logger: mockServices.logger.mock(),
      schedule: { frequency: { minutes: 1 }, timeout: { minutes: 1 } },
      pageSize: 2,
    });
    expect(await watch.run()).toEqual({ seen: 3, evaluated: 2 });
    expect(
      evaluateEntityRefs.mock.calls.flatMap(([refs]) => refs).sort(),
    ).toEqual(['component:default/edited', 'component:default/new']);
  });
});
