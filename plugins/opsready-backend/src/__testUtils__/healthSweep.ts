import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { DatabaseHealthStore } from '../database/DatabaseHealthStore';
import { defaultStateRules } from '../health/endpointState';
import { HealthSweep } from '../health/HealthSweep';
import { Prober } from '../health/Prober';

type SweepOptions = ConstructorParameters<typeof HealthSweep>[0];

/**
 * A health sweep over `entities` with its store on `knex`, one shard and
 * mocked services; `overrides` replace any of its options.
 */
export async function createTestHealthSweep(
  knex: Knex,
  entities: Entity[],
  prober: Prober,
  overrides: Partial<SweepOptions> = {},
) {
  const store = await DatabaseHealthStore.create({
    database: { getClient: async () => knex },
  });
  const sweep = new HealthSweep({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    store,
    prober,
    scheduler: mockServices.scheduler.mock(),
    logger: mockServices.logger.mock(),
    schedule: { frequency: { seconds: 60 }, timeout: { seconds: 50 } },
    shards: 1,
    rules: defaultStateRules,
    deadlineMs: 30_000,
    retentionDays: 30,
    ...overrides,
  });
  return { store, sweep };
}
