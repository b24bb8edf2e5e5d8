import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_PENDING_FOR_MS,
  defaultLevels,
} from '@opsready/plugin-opsready-common';
import { defaultCheckOptions } from '@opsready/plugin-opsready-node';
import { DatabaseEvaluationsStore } from '../database/DatabaseEvaluationsStore';
import { DatabaseExemptionsStore } from '../database/DatabaseExemptionsStore';
import { EvaluationService } from './EvaluationService';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('EvaluationService scope facts', () => {
  it("stores each entity's type, lifecycle and tags with its evaluation", async () => {
    const knex = await databases.init('SQLITE_3');
    const database = { getClient: async () => knex };
    const store = await DatabaseEvaluationsStore.create({ database });
    const service = new EvaluationService({
      catalog: catalogServiceMock({ entities: [] }),
      store,
      exemptions: await DatabaseExemptionsStore.create({ database }),
      checks: () => [],
      providers: () => [],
      scoring: {
        options: defaultCheckOptions,
        warnCredit: 0.5,
        levels: defaultLevels,
        pendingForMs: DEFAULT_PENDING_FOR_MS,
      },
      logger: mockServices.logger.mock(),
    });
    const entities: Entity[] = [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'cart', namespace: 'default', tags: ['pci'] },
        spec: { type: 'service', lifecycle: 'production' },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'shop', namespace: 'default' },
        spec: {},
      },
    ];
    await service.evaluateEntities(entities);

    const page = await store.readScoredPage(undefined, 10);
    expect(page.map(e => [e.entityRef, e.scope])).toEqual([
      [
        'component:default/cart',
        { type: 'service', lifecycle: 'production', tags: ['pci'] },
      ],
      ['system:default/shop', { type: null, lifecycle: null, tags: [] }],
    ]);
  });
});
